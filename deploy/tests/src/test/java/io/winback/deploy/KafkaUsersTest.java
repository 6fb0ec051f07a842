package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * One KafkaUser per service, with ACLs that grant what the service's code uses (KafkaAccess) on
 * catalogue topics, the processor's internal prefix and the service's own group, and nothing
 * that writes anywhere else.
 */
class KafkaUsersTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  private static final Set<String> TOPIC_METADATA = Set.of("Describe", "DescribeConfigs");

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyServiceHasAKafkaUserAndEveryKafkaUserIsAService(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Set<String> users = manifests.ofKind("KafkaUser").stream().map(Manifests::name).collect(Collectors.toCollection(TreeSet::new));
    assertThat(users).as("%s KafkaUsers vs services/*", overlay).containsExactlyInAnyOrderElementsOf(Repo.services().keySet());
    for (Map<String, Object> user : manifests.ofKind("KafkaUser")) {
      assertThat(Manifests.str(user, "spec", "authentication", "type")).as("%s %s login", overlay, Manifests.name(user))
          .isEqualTo("scram-sha-512");
      assertThat(Manifests.str(user, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("winback");
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void aclsNameOnlyCatalogueTopicsTheInternalPrefixAndKnownGroups(String overlay) {
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> user : Kustomize.overlay(overlay).ofKind("KafkaUser")) {
      String service = Manifests.name(user);
      KafkaAccess access = KafkaAccess.of(service);
      for (Acl acl : Acl.of(user, true)) {
        String where = overlay + " " + service + " " + acl;
        softly.assertThat(acl.host()).as("%s host", where).isIn(null, "*");
        switch (acl.type()) {
          case "topic" -> {
            if (acl.prefixed()) {
              softly.assertThat(acl.name()).as("%s: the only topic prefix is the processor's internal one", where)
                  .isEqualTo(KafkaAccess.PROCESSOR_PREFIX);
              if (!KafkaAccess.PROCESSOR_PREFIX.equals(access.internalTopicPrefix())) {
                softly.assertThat(acl.operations()).as("%s: other services may only describe it", where)
                    .isSubsetOf(TOPIC_METADATA);
              }
            } else {
              softly.assertThat(acl.name()).as("%s: a catalogue topic", where).isIn(KafkaAccess.catalogue());
              softly.assertThat(acl.name()).as("%s: a topic the service reads or writes", where)
                  .isIn(union(access.reads(), access.writes()));
            }
          }
          case "group" -> {
            if (acl.prefixed()) {
              softly.assertThat(acl.name()).as("%s: group prefix", where).isEqualTo(KafkaAccess.GROUP_PREFIX);
              softly.assertThat(access.describedGroups()).as("%s: only the monitor describes other groups", where).isNotEmpty();
              softly.assertThat(acl.operations()).as("%s: describe only", where).containsExactly("Describe");
            } else if (!acl.name().equals(access.group())) {
              softly.assertThat(acl.name()).as("%s: its own group, or one it describes", where).isIn(access.describedGroups());
              softly.assertThat(acl.operations()).as("%s: describe only", where).containsExactly("Describe");
            }
          }
          case "transactionalId" -> {
            softly.assertThat(access.transactionalIdPrefix()).as("%s: only the processor and the monitor's redrive are transactional", where).isNotNull();
            softly.assertThat(acl.prefixed()).as("%s prefix", where).isTrue();
            softly.assertThat(acl.name()).as(where).isEqualTo(access.transactionalIdPrefix());
          }
          default -> softly.fail("%s: no service needs a %s ACL", where, acl.type());
        }
        softly.assertThat(acl.name()).as("%s: no wildcard", where).isNotEqualTo("*");
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void eachServiceMayDoWhatItsCodeDoes(String overlay) {
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> user : Kustomize.overlay(overlay).ofKind("KafkaUser")) {
      String service = Manifests.name(user);
      KafkaAccess access = KafkaAccess.of(service);
      List<Acl> acls = Acl.of(user, true);
      String who = overlay + " " + service;
      for (String topic : access.reads()) {
        softly.assertThat(Acl.allowed(acls, "topic", topic, "Read")).as("%s reads %s", who, topic).isTrue();
      }
      for (String topic : access.writes()) {
        softly.assertThat(Acl.allowed(acls, "topic", topic, "Write")).as("%s writes %s", who, topic).isTrue();
      }
      softly.assertThat(Acl.allowed(acls, "group", access.group(), "Read")).as("%s joins %s", who, access.group()).isTrue();
      for (String group : access.describedGroups()) {
        softly.assertThat(Acl.allowed(acls, "group", group, "Describe")).as("%s describes group %s", who, group).isTrue();
      }
      if (access.internalTopicPrefix() != null) {
        String internal = access.internalTopicPrefix() + "cases-store-changelog";
        for (String op : List.of("Create", "Read", "Write", "Delete", "Describe", "DescribeConfigs")) {
          softly.assertThat(Acl.allowed(acls, "topic", internal, op)).as("%s %s on %s", who, op, internal).isTrue();
        }
      }
      if (access.transactionalIdPrefix() != null) {
        String transactionalId = access.transactionalIdPrefix() + "0f4b1c8e-9a3f-4d7e-a1b2-3c4d5e6f7a8b-1";
        softly.assertThat(Acl.allowed(acls, "transactionalId", transactionalId, "Write")).as("%s transactions", who).isTrue();
        softly.assertThat(Acl.allowed(acls, "transactionalId", transactionalId, "Describe")).as("%s transactions", who).isTrue();
      }
      if (access.describedTopicPrefix() != null) {
        softly.assertThat(Acl.allowed(acls, "topic", access.describedTopicPrefix() + "x-repartition", "Describe"))
            .as("%s describes %s*", who, access.describedTopicPrefix()).isTrue();
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void noServiceWritesOrReadsATopicItDoesNotUse(String overlay) {
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> user : Kustomize.overlay(overlay).ofKind("KafkaUser")) {
      String service = Manifests.name(user);
      KafkaAccess access = KafkaAccess.of(service);
      List<Acl> acls = Acl.of(user, true);
      for (String topic : KafkaAccess.catalogue()) {
        for (String op : List.of("Write", "Delete", "Alter", "AlterConfigs", "Create")) {
          boolean allowed = Acl.allowed(acls, "topic", topic, op);
          if (op.equals("Write") && access.writes().contains(topic)) {
            continue;
          }
          softly.assertThat(allowed).as("%s %s may %s %s", overlay, service, op, topic).isFalse();
        }
        if (!access.reads().contains(topic)) {
          softly.assertThat(Acl.allowed(acls, "topic", topic, "Read")).as("%s %s may read %s", overlay, service, topic).isFalse();
        }
      }
      if (access.internalTopicPrefix() == null) {
        softly.assertThat(Acl.allowed(acls, "topic", KafkaAccess.PROCESSOR_PREFIX + "x-changelog", "Write"))
            .as("%s %s writes the processor's internal topics", overlay, service).isFalse();
      }
    }
    softly.assertAll();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void eachDeploymentLogsInAsItsOwnKafkaUser(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (String service : Repo.services().keySet()) {
      Map<String, Object> container = WorkloadsTest.container(manifests, service);
      Map<String, Object> jaas = WorkloadsTest.env(container).stream()
          .filter(env -> "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG".equals(env.get("name")))
          .findFirst().orElse(Map.of());
      softly.assertThat(Manifests.str(jaas, "valueFrom", "secretKeyRef", "name")).as("%s %s login secret", overlay, service)
          .isEqualTo(service);
      softly.assertThat(Manifests.str(jaas, "valueFrom", "secretKeyRef", "key")).isEqualTo("sasl.jaas.config");
    }
    softly.assertAll();
  }
}
