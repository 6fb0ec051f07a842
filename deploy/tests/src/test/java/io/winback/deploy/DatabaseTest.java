package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The outreach desk's PostgreSQL: a CloudNativePG Cluster on persistent volumes (one instance in dev,
 * three on three nodes in prod), the desk connected to its primary with the Secret the operator
 * creates, two desks and a disruption budget in prod, and the instances scraped and alerted on.
 */
class DatabaseTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  static final String DESK = "outreach-desk";

  /** jdbc:postgresql://host:port/database?parameters */
  private static final Pattern JDBC_POSTGRES = Pattern.compile("jdbc:postgresql://([^/:?]+):(\\d+)/([^?]+)(?:\\?(.*))?");
  /** The major version at the start of a PostgreSQL image tag: 15, 15.19-standard-trixie, 15-alpine. */
  private static final Pattern IMAGE_MAJOR = Pattern.compile(":(\\d+)(?:[.\\-_].*)?$");

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theDesksDatabaseIsACloudNativePgClusterOnPersistentVolumes(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Map<String, Object> cluster = cluster(manifests);
    String where = overlay + " Cluster " + Manifests.name(cluster);
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(Manifests.str(cluster, "apiVersion")).as("%s apiVersion", where).isEqualTo("postgresql.cnpg.io/v1");
    // CloudNativePG keeps PGDATA on a PersistentVolumeClaim per instance, of spec.storage.
    String size = Optional.ofNullable(Manifests.str(cluster, "spec", "storage", "size"))
        .orElse(Manifests.str(cluster, "spec", "storage", "pvcTemplate", "resources", "requests", "storage"));
    softly.assertThat(size).as("%s storage size", where).isNotBlank();
    if (size != null) {
      softly.assertThat(Quantity.bytes(size)).as("%s storage size", where).isGreaterThanOrEqualTo(1L << 30);
    }
    softly.assertThat(Manifests.str(cluster, "spec", "bootstrap", "initdb", "database")).as("%s database", where).isNotBlank();
    softly.assertThat(Manifests.str(cluster, "spec", "bootstrap", "initdb", "owner")).as("%s owner", where).isNotBlank();
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        softly.assertThat(Manifests.str(cluster, "spec", "resources", kind, resource)).as("%s %s.%s", where, kind, resource).isNotBlank();
      }
    }
    String sharedBuffers = Manifests.str(cluster, "spec", "postgresql", "parameters", "shared_buffers");
    String memory = Manifests.str(cluster, "spec", "resources", "requests", "memory");
    if (sharedBuffers != null && memory != null) {
      softly.assertThat(postgresBytes(sharedBuffers))
          .as("%s shared_buffers %s within the memory request %s", where, sharedBuffers, memory)
          .isLessThan(Quantity.bytes(memory) / 2);
    }
    softly.assertThat(Manifests.at(cluster, "spec", "enableSuperuserAccess")).as("%s superuser over the network", where)
        .isIn(null, false);
    softly.assertAll();
  }

  @Test
  void devRunsOneInstanceAndProdThreeOnThreeNodes() {
    Map<String, Object> dev = cluster(Kustomize.overlay("dev"));
    assertThat(Manifests.integer(dev, "spec", "instances")).as("dev instances").isEqualTo(1);
    // The operator's budget on a single instance would block every node drain.
    assertThat(Manifests.at(dev, "spec", "enablePDB")).as("dev enablePDB").isEqualTo(false);

    Map<String, Object> prod = cluster(Kustomize.overlay("prod"));
    assertThat(Manifests.integer(prod, "spec", "instances")).as("prod instances").isEqualTo(3);
    assertThat(Manifests.at(prod, "spec", "enablePDB")).as("prod keeps the operator's disruption budgets").isIn(null, true);
    assertThat(Manifests.at(prod, "spec", "affinity", "enablePodAntiAffinity")).isIn(null, true);
    assertThat(Manifests.str(prod, "spec", "affinity", "topologyKey")).isIn(null, "kubernetes.io/hostname");
    assertThat(Manifests.str(prod, "spec", "affinity", "podAntiAffinityType"))
        .as("prod: three instances on three different nodes, not just preferably").isEqualTo("required");
    // A commit waits for a standby: a failover loses nothing the desk saw committed.
    assertThat(Manifests.str(prod, "spec", "postgresql", "synchronous", "method")).isIn("any", "first");
    assertThat(Manifests.integer(prod, "spec", "postgresql", "synchronous", "number")).isBetween(1, 3 - 1);
    // Smaller in dev.
    assertThat(Quantity.bytes(Manifests.str(dev, "spec", "resources", "requests", "memory")))
        .isLessThanOrEqualTo(Quantity.bytes(Manifests.str(prod, "spec", "resources", "requests", "memory")));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theDeskConnectsToTheClustersPrimaryWithTheSecretTheOperatorCreates(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Map<String, Object> cluster = cluster(manifests);
    String name = Manifests.name(cluster);
    Map<String, Object> container = WorkloadsTest.container(manifests, DESK);
    Map<String, Map<String, Object>> env = envByName(container);

    String url = Manifests.str(env.get("SPRING_DATASOURCE_URL"), "value");
    assertThat(url).as("%s desk SPRING_DATASOURCE_URL (a plain value)", overlay).isNotNull();
    Matcher jdbc = JDBC_POSTGRES.matcher(url);
    assertThat(jdbc.matches()).as("%s desk SPRING_DATASOURCE_URL %s is jdbc:postgresql://host:port/db", overlay, url).isTrue();
    assertThat(jdbc.group(1)).as("%s: the primary's Service", overlay).isEqualTo(name + "-rw");
    assertThat(jdbc.group(2)).isEqualTo("5432");
    assertThat(jdbc.group(3)).as("%s: the Cluster's database", overlay)
        .isEqualTo(Manifests.str(cluster, "spec", "bootstrap", "initdb", "database"));

    for (Map.Entry<String, String> login : Map.of("SPRING_DATASOURCE_USERNAME", "username", "SPRING_DATASOURCE_PASSWORD", "password").entrySet()) {
      Map<String, Object> ref = Manifests.map(env.get(login.getKey()), "valueFrom", "secretKeyRef");
      assertThat(ref).as("%s desk %s from a Secret", overlay, login.getKey()).isNotEmpty();
      assertThat(ref.get("name")).as("%s desk %s: the Cluster's app Secret", overlay, login.getKey()).isEqualTo(name + "-app");
      assertThat(ref.get("key")).as("%s desk %s key", overlay, login.getKey()).isEqualTo(login.getValue());
      assertThat(ref.get("optional")).as("%s desk %s is required", overlay, login.getKey()).isIn(null, false);
    }

    // TLS with the server's certificate checked against the Cluster's CA, mounted from <cluster>-ca.
    Map<String, String> parameters = queryParameters(jdbc.group(4));
    assertThat(parameters).as("%s desk JDBC parameters", overlay).containsEntry("sslmode", "verify-full");
    String rootCert = parameters.get("sslrootcert");
    assertThat(rootCert).as("%s desk sslrootcert", overlay).isNotBlank();
    Map<String, Object> mount = Manifests.list(container, "volumeMounts").stream()
        .filter(m -> rootCert.startsWith(Manifests.str(m, "mountPath") + "/")).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": nothing mounted at " + rootCert));
    Map<String, Object> volume = volume(manifests.get("Deployment", DESK), Manifests.str(mount, "name"));
    assertThat(Manifests.str(volume, "secret", "secretName")).as("%s %s", overlay, rootCert).isEqualTo(name + "-ca");
    String file = rootCert.substring(Manifests.str(mount, "mountPath").length() + 1);
    assertThat(Manifests.list(volume, "secret", "items"))
        .as("%s: only the CA certificate, never the CA key, is mounted", overlay)
        .singleElement().satisfies(item -> {
          assertThat(item.get("key")).isEqualTo("ca.crt");
          assertThat(item.get("path")).isEqualTo(file);
        });
  }

  @Test
  void prodRunsTwoDesksAndABudgetThatKeepsOneThroughDrains() {
    Manifests prod = Kustomize.overlay("prod");
    Map<String, Object> desk = prod.get("Deployment", DESK);
    assertThat(Manifests.integer(desk, "spec", "replicas")).as("prod desk replicas").isEqualTo(2);
    Map<String, Object> podLabels = Manifests.map(desk, "spec", "template", "metadata", "labels");
    List<Map<String, Object>> budgets = prod.ofKind("PodDisruptionBudget").stream()
        .filter(pdb -> {
          Map<String, Object> selector = Manifests.map(pdb, "spec", "selector", "matchLabels");
          return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
        })
        .toList();
    assertThat(budgets).as("prod PodDisruptionBudgets selecting the desk's pods").singleElement().satisfies(pdb -> {
      assertThat(Manifests.integer(pdb, "spec", "minAvailable")).isEqualTo(1);
      assertThat(Manifests.at(pdb, "spec", "maxUnavailable")).isNull();
      assertThat(Manifests.at(pdb, "spec", "selector", "matchExpressions")).isNull();
    });
    assertThat(Manifests.integer(Kustomize.overlay("dev").get("Deployment", DESK), "spec", "replicas")).as("dev desk replicas").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theInstancesAreScrapedAndAlertedOn(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    String name = Manifests.name(cluster(manifests));
    assertThat(manifests.ofKind("PodMonitor")).as("%s PodMonitor of the Cluster's instances", overlay)
        .anySatisfy(monitor -> {
          assertThat(Manifests.map(monitor, "spec", "selector", "matchLabels")).containsEntry("cnpg.io/cluster", name);
          assertThat(Manifests.list(monitor, "spec", "podMetricsEndpoints")).anySatisfy(e -> assertThat(e.get("port")).isEqualTo("metrics"));
        });
    // The operator's own PodMonitor is deprecated: one PodMonitor, ours.
    assertThat(Manifests.at(cluster(manifests), "spec", "monitoring", "enablePodMonitor")).isIn(null, false);

    Map<String, String> alerts = MonitoringTest.alerts(manifests);
    assertThat(alerts).as("%s database alerts", overlay).containsKey("WinbackDatabaseDown");
    SoftAssertions softly = new SoftAssertions();
    alerts.forEach((alert, expr) -> {
      if (expr.contains("cnpg_") || alert.startsWith("WinbackDatabase")) {
        softly.assertThat(expr).as("%s %s names the Cluster", overlay, alert)
            .containsAnyOf("cluster=\"" + name + "\"", "\"" + name + "-[0-9]+\"");
      }
    });
    softly.assertAll();
  }

  @Test
  void kubernetesRunsThePostgresMajorVersionComposeAndTheTestsRun() {
    Map<String, Object> compose = Kustomize.parse(Repo.read("docker-compose.yml")).get(0);
    String composeImage = Manifests.str(compose, "services", "postgres", "image");
    for (String overlay : OVERLAYS) {
      String image = Manifests.str(cluster(Kustomize.overlay(overlay)), "spec", "imageName");
      assertThat(image).as("%s Cluster imageName", overlay).isNotBlank().doesNotEndWith(":latest");
      assertThat(major(image)).as("%s %s vs compose %s", overlay, image, composeImage).isEqualTo(major(composeImage));
    }
  }

  static Map<String, Object> cluster(Manifests manifests) {
    List<Map<String, Object>> clusters = manifests.ofKind("Cluster").stream()
        .filter(c -> String.valueOf(c.get("apiVersion")).startsWith("postgresql.cnpg.io/")).toList();
    assertThat(clusters).as("%s CloudNativePG Clusters", manifests.source()).hasSize(1);
    return clusters.get(0);
  }

  private static Map<String, Map<String, Object>> envByName(Map<String, Object> container) {
    Map<String, Map<String, Object>> env = new LinkedHashMap<>();
    WorkloadsTest.env(container).forEach(e -> env.put(String.valueOf(e.get("name")), e));
    return env;
  }

  private static Map<String, Object> volume(Map<String, Object> workload, String name) {
    return Manifests.list(workload, "spec", "template", "spec", "volumes").stream()
        .filter(v -> name.equals(v.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError(Manifests.name(workload) + " has no volume " + name));
  }

  private static Map<String, String> queryParameters(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query == null || query.isBlank()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      parameters.put(equals < 0 ? pair : pair.substring(0, equals),
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }

  /** A PostgreSQL memory setting (kB, MB, GB, TB: powers of 1024) in bytes. */
  private static long postgresBytes(String setting) {
    Matcher matcher = Pattern.compile("(\\d+)\\s*(kB|MB|GB|TB)").matcher(setting.trim());
    assertThat(matcher.matches()).as("a PostgreSQL memory setting with a unit: %s", setting).isTrue();
    int shift = switch (matcher.group(2)) {
      case "kB" -> 10;
      case "MB" -> 20;
      case "GB" -> 30;
      default -> 40;
    };
    return Long.parseLong(matcher.group(1)) << shift;
  }

  private static String major(String image) {
    Matcher matcher = IMAGE_MAJOR.matcher(image);
    assertThat(matcher.find()).as("a PostgreSQL major version in the tag of %s", image).isTrue();
    return matcher.group(1);
  }
}
