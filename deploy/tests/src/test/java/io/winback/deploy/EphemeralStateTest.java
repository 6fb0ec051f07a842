package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * No workload keeps a database or any other state of its own on a volume that dies with the pod
 * (emptyDir, generic ephemeral volume). The rule, sharply: such a volume may be mounted at /tmp, or at
 * the service's WINBACK_DATA_DIR when the service uses that directory for nothing but Kafka Streams'
 * state directory (a cache of changelog topics, restored from Kafka on an empty disk). Anything else
 * fails, and so does any H2 URL or a desk that is given a data directory.
 */
class EphemeralStateTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");
  private static final String SCRATCH = "/tmp";
  private static final String DATA_DIR = "WINBACK_DATA_DIR";
  /** The one property that may live in WINBACK_DATA_DIR on a pod-local volume. */
  private static final String STREAMS_STATE_DIR = "spring.kafka.streams.state-dir";

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void noWorkloadKeepsStateOnAVolumeThatDiesWithThePod(String overlay) {
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> workload : workloads(Kustomize.overlay(overlay))) {
      String name = Manifests.name(workload);
      Set<String> podLocal = podLocalVolumes(workload);
      for (Map<String, Object> container : containers(workload)) {
        String where = overlay + " " + workload.get("kind") + " " + name + "/" + container.get("name");
        String dataDir = WorkloadsTest.plainEnv(container).get(DATA_DIR);
        for (Map<String, Object> mount : Manifests.list(container, "volumeMounts")) {
          if (!podLocal.contains(Manifests.str(mount, "name"))) {
            continue;
          }
          String path = Manifests.str(mount, "mountPath");
          if (SCRATCH.equals(path)) {
            continue;
          }
          softly.assertThat(path).as("%s mounts the pod-local volume %s at %s: only %s, or the data directory of a"
              + " service that keeps nothing but Kafka Streams state there", where, mount.get("name"), path, SCRATCH)
              .isEqualTo(dataDir);
          if (path.equals(dataDir)) {
            softly.assertThat(dataDirProperties(name)).as("%s: what services/%s puts under %s (%s) on a pod-local volume",
                where, name, DATA_DIR, path).containsOnly(STREAMS_STATE_DIR);
          }
        }
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void noWorkloadUsesAFileDatabase(String overlay) {
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> workload : workloads(Kustomize.overlay(overlay))) {
      for (Map<String, Object> container : containers(workload)) {
        String where = overlay + " " + Manifests.name(workload) + "/" + container.get("name");
        WorkloadsTest.plainEnv(container).forEach((variable, value) ->
            softly.assertThat(value).as("%s %s", where, variable).doesNotContainIgnoringCase("jdbc:h2"));
      }
    }
    // The desk's state is in PostgreSQL: it gets no data directory at all.
    softly.assertThat(WorkloadsTest.plainEnv(WorkloadsTest.container(Kustomize.overlay(overlay), DatabaseTest.DESK)))
        .as("%s desk environment", overlay).doesNotContainKey(DATA_DIR);
    softly.assertAll();
  }

  private static List<Map<String, Object>> workloads(Manifests manifests) {
    return manifests.resources().stream().filter(r -> WORKLOADS.contains(String.valueOf(r.get("kind")))).toList();
  }

  private static List<Map<String, Object>> containers(Map<String, Object> workload) {
    List<Map<String, Object>> containers = new ArrayList<>(Manifests.list(workload, "spec", "template", "spec", "containers"));
    containers.addAll(Manifests.list(workload, "spec", "template", "spec", "initContainers"));
    return containers;
  }

  /** Volumes deleted with the pod: emptyDir and generic ephemeral volumes. */
  private static Set<String> podLocalVolumes(Map<String, Object> workload) {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> volume : Manifests.list(workload, "spec", "template", "spec", "volumes")) {
      if (volume.containsKey("emptyDir") || volume.containsKey("ephemeral")) {
        names.add(String.valueOf(volume.get("name")));
      }
    }
    return names;
  }

  /** The properties of services/NAME's application*.yml|yaml|properties whose value uses ${WINBACK_DATA_DIR...}. */
  static Set<String> dataDirProperties(String service) {
    Path resources = Repo.path("services").resolve(service).resolve("src/main/resources");
    Set<String> properties = new TreeSet<>();
    if (!Files.isDirectory(resources)) {
      return properties;
    }
    try (Stream<Path> files = Files.list(resources)) {
      for (Path file : files.filter(EphemeralStateTest::isApplicationConfig).sorted().toList()) {
        String text = Files.readString(file);
        if (file.getFileName().toString().endsWith(".properties")) {
          Properties loaded = new Properties();
          try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
          }
          loaded.stringPropertyNames().stream().filter(key -> usesDataDir(loaded.getProperty(key))).forEach(properties::add);
        } else {
          for (Map<String, Object> document : Kustomize.parse(text)) {
            flatten("", document, properties);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static boolean isApplicationConfig(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("application") && (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties"));
  }

  private static void flatten(String prefix, Object node, Set<String> found) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, found));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), found);
      }
    } else if (usesDataDir(Objects.toString(node, ""))) {
      found.add(prefix);
    }
  }

  private static boolean usesDataDir(String value) {
    return value.contains("${" + DATA_DIR);
  }
}
