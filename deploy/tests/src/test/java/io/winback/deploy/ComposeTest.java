package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and its Prometheus config against the services and the topic catalogue. */
class ComposeTest {

  /** Anything that looks like one of Winback's topic names: dotted words ending in a version. */
  private static final Pattern TOPIC_LIKE = Pattern.compile("(?<![\\w.-])[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+\\.v\\d+(?![\\w.-])");
  private static final Pattern LOCAL_URL_PORT = Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)");

  private final Map<String, Object> compose = Kustomize.parse(Repo.read("docker-compose.yml")).get(0);
  private final Map<String, Object> services = Manifests.map(compose, "services");

  @Test
  void composeBuildsExactlyTheServicesOfThisRepository() {
    Map<String, String> built = builtServices();
    assertThat(built.values()).as("service folders built by docker-compose.yml")
        .containsExactlyInAnyOrderElementsOf(Repo.services().keySet());
    built.forEach((composeName, folder) ->
        assertThat(composeName).as("compose service building services/%s", folder).isEqualTo(folder));
  }

  @Test
  void everyServiceListensOnThePortOfItsWinbackServiceProperties() {
    SoftAssertions softly = new SoftAssertions();
    builtServices().forEach((composeName, folder) -> {
      int port = Repo.services().get(folder).port();
      Map<String, Object> service = Manifests.map(services, composeName);
      List<Integer> containerPorts = containerPorts(service);
      softly.assertThat(containerPorts).as("%s published container ports", composeName).contains(port);
      Map<String, String> env = environment(service);
      if (env.containsKey("SERVER_PORT")) {
        softly.assertThat(env.get("SERVER_PORT")).as("%s SERVER_PORT", composeName).isEqualTo(String.valueOf(port));
      }
      env.forEach((variable, value) -> ServiceUrls.check(softly, composeName + " " + variable, value));
      for (String command : commands(service)) {
        Matcher url = LOCAL_URL_PORT.matcher(command);
        while (url.find()) {
          softly.assertThat(Integer.parseInt(url.group(1))).as("%s: %s", composeName, command).isEqualTo(port);
        }
      }
    });
    // No two services on one host port.
    List<String> hostPorts = new ArrayList<>();
    services.forEach((name, service) -> Manifests.strings(service, "ports").forEach(mapping -> hostPorts.add(hostPort(mapping))));
    softly.assertThat(hostPorts).as("host ports").doesNotHaveDuplicates();
    softly.assertAll();
  }

  @Test
  void everyTopicNamedInEnvironmentOrCommandsIsInTheCatalogue() {
    SoftAssertions softly = new SoftAssertions();
    services.forEach((name, raw) -> {
      Map<String, Object> service = Manifests.map(services, name);
      List<String> texts = new ArrayList<>(environment(service).values());
      texts.addAll(commands(service));
      for (String text : texts) {
        Matcher topic = TOPIC_LIKE.matcher(text);
        while (topic.find()) {
          softly.assertThat(topic.group()).as("%s mentions a topic: %s", name, text).isIn(Topics.names());
        }
      }
    });
    softly.assertAll();
  }

  @Test
  void kafkaIsOneKraftNodeReadyForTransactions() {
    Map<String, Object> kafka = Manifests.map(services, "kafka");
    assertThat(Manifests.str(kafka, "image")).isEqualTo("apache/kafka:4.1.2");
    Map<String, String> env = environment(kafka);
    assertThat(env.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
    assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo("1");
    assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).isEqualTo("1");
    assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo("1");
    assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
    Set<String> advertised = new TreeSet<>();
    for (String listener : env.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
      advertised.add(listener.substring(listener.indexOf("://") + 3));
    }
    SoftAssertions softly = new SoftAssertions();
    builtServices().keySet().forEach(name -> {
      Map<String, String> serviceEnv = environment(Manifests.map(services, name));
      for (String variable : List.of("KAFKA_BOOTSTRAP_SERVERS", "SPRING_KAFKA_BOOTSTRAP_SERVERS")) {
        softly.assertThat(serviceEnv.get(variable)).as("%s %s is an advertised listener", name, variable).isIn(advertised);
      }
    });
    softly.assertAll();
  }

  @Test
  void theDeskSendsMailToMailpit() {
    Map<String, String> env = environment(Manifests.map(services, "outreach-desk"));
    assertThat(env).containsEntry("SPRING_MAIL_HOST", "mailpit").containsEntry("SPRING_MAIL_PORT", "1025");
    assertThat(Manifests.str(services, "mailpit", "image")).startsWith("axllent/mailpit");
    // A real SMTP server: no SMTP sink of the desk's own beside it (the profile's sink yields to a mail host).
    assertThat(env.getOrDefault("WINBACK_DESK_EMBEDDED_SMTP", "false")).isEqualTo("false");
    assertThat(Manifests.str(services, "outreach-desk", "depends_on", "mailpit", "condition")).isNotBlank();
  }

  @Test
  void theDeskKeepsItsStateInThePostgresService() {
    Map<String, Object> postgres = Manifests.map(services, "postgres");
    assertThat(Manifests.str(postgres, "image")).as("postgres image").matches("postgres:15([.\\-].*)?");
    assertThat(String.join(" ", commands(postgres))).as("postgres healthcheck").contains("pg_isready");
    // Laptop credentials: reachable from this machine only.
    assertThat(Manifests.strings(postgres, "ports")).as("postgres ports").isNotEmpty()
        .allSatisfy(mapping -> assertThat(mapping).startsWith("127.0.0.1:"));
    List<String> volumes = Manifests.strings(postgres, "volumes");
    assertThat(volumes).as("postgres data on a named volume").anySatisfy(volume -> {
      String[] parts = volume.split(":");
      assertThat(parts[1]).isEqualTo("/var/lib/postgresql/data");
      assertThat(Manifests.map(compose, "volumes")).containsKey(parts[0]);
    });

    Map<String, Object> desk = Manifests.map(services, "outreach-desk");
    assertThat(Manifests.str(desk, "depends_on", "postgres", "condition")).as("desk waits for a healthy database")
        .isEqualTo("service_healthy");
    Map<String, String> db = environment(postgres);
    Map<String, String> env = environment(desk);
    assertThat(env).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + db.get("POSTGRES_DB"))
        .containsEntry("SPRING_DATASOURCE_USERNAME", db.get("POSTGRES_USER"))
        .containsEntry("SPRING_DATASOURCE_PASSWORD", db.get("POSTGRES_PASSWORD"));
    // Nothing of the desk's on the container's disk any more.
    assertThat(env).doesNotContainKey("WINBACK_DATA_DIR");
    assertThat(Manifests.strings(desk, "volumes")).as("desk volumes").isEmpty();
    services.forEach((name, service) -> environment(Manifests.map(services, name)).forEach((variable, value) ->
        assertThat(value).as("%s %s", name, variable).doesNotContainIgnoringCase("jdbc:h2")));
  }

  @Test
  void theToolsAreThere() {
    assertThat(Manifests.str(services, "kafka-ui", "image")).startsWith("ghcr.io/kafbat/kafka-ui");
    assertThat(Manifests.str(services, "prometheus", "image")).startsWith("prom/prometheus");
    assertThat(Manifests.str(services, "grafana", "image")).startsWith("grafana/grafana");
    List<String> grafanaVolumes = Manifests.strings(services, "grafana", "volumes");
    assertThat(grafanaVolumes).anyMatch(v -> v.startsWith("./deploy/grafana/dashboards:"));
    assertThat(grafanaVolumes).anyMatch(v -> v.startsWith("./deploy/grafana/provisioning:"));
    assertThat(Manifests.strings(services, "prometheus", "volumes"))
        .anyMatch(v -> v.startsWith("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml"));
    // The provisioning points Grafana at the mounted dashboards.
    String mountedAt = grafanaVolumes.stream().filter(v -> v.startsWith("./deploy/grafana/dashboards:"))
        .map(v -> v.split(":")[1]).findFirst().orElseThrow();
    Map<String, Object> provisioning = Kustomize.parse(Repo.read("deploy/grafana/provisioning/dashboards/winback.yml")).get(0);
    assertThat(Manifests.list(provisioning, "providers")).anySatisfy(p -> assertThat(Manifests.str(p, "options", "path")).isEqualTo(mountedAt));
    // Every file compose mounts exists.
    services.forEach((name, service) -> Manifests.strings(service, "volumes").stream()
        .filter(v -> v.startsWith("./"))
        .forEach(v -> assertThat(Repo.path(v.split(":")[0].substring(2))).as("%s mounts %s", name, v).exists()));
  }

  @Test
  void prometheusScrapesEveryServiceAtItsPort() {
    Map<String, Object> prometheus = Kustomize.parse(Repo.read("deploy/prometheus/prometheus.yml")).get(0);
    Map<String, String> pathByTarget = new LinkedHashMap<>();
    for (Map<String, Object> job : Manifests.list(prometheus, "scrape_configs")) {
      String path = Manifests.str(job, "metrics_path");
      for (Map<String, Object> config : Manifests.list(job, "static_configs")) {
        Manifests.strings(config, "targets").forEach(target -> pathByTarget.put(target, path == null ? "/metrics" : path));
      }
    }
    SoftAssertions softly = new SoftAssertions();
    for (Repo.Service service : Repo.services().values()) {
      String target = service.folder() + ":" + service.port();
      softly.assertThat(pathByTarget).as("Prometheus scrapes %s", target).containsEntry(target, "/actuator/prometheus");
    }
    // And nothing that is not in compose.
    pathByTarget.keySet().stream().map(target -> target.substring(0, target.lastIndexOf(':')))
        .filter(host -> !host.equals("localhost"))
        .forEach(host -> softly.assertThat(services).as("scrape target %s is a compose service", host).containsKey(host));
    softly.assertAll();
  }

  @Test
  void composeSaysItIsALaptopSetup() {
    String header = Repo.read("docker-compose.yml").lines().takeWhile(line -> line.startsWith("#"))
        .collect(Collectors.joining("\n"));
    assertThat(header).as("the comment at the top of docker-compose.yml").containsIgnoringCase("laptop").contains("127.0.0.1");
  }

  /** Nothing of the laptop stack (plaintext Kafka, laptop passwords) is reachable from another machine. */
  @Test
  void everyPublishedPortIsBoundToLoopback() {
    SoftAssertions softly = new SoftAssertions();
    services.forEach((name, raw) -> {
      Object ports = Manifests.at(services, name, "ports");
      if (!(ports instanceof List<?> mappings)) {
        return;
      }
      for (Object mapping : mappings) {
        if (mapping instanceof Map<?, ?> longSyntax) {
          softly.assertThat(String.valueOf(longSyntax.get("host_ip"))).as("%s port %s host_ip", name, mapping).isEqualTo("127.0.0.1");
        } else {
          softly.assertThat(String.valueOf(mapping)).as("%s port %s", name, mapping).startsWith("127.0.0.1:");
        }
      }
    });
    softly.assertAll();
  }

  /** ${NAME:?message} or ${NAME?message}: compose refuses to start without NAME, and there is no default. */
  private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:?\\?[^}]*}");

  @Test
  void grafanaHasNoDefaultAdminPasswordAndNoAnonymousAccess() {
    Map<String, String> env = environment(Manifests.map(services, "grafana"));
    assertThat(env.get("GF_SECURITY_ADMIN_PASSWORD")).as("Grafana's admin password: a required variable, no default")
        .isNotNull().matches(REQUIRED_VARIABLE);
    assertThat(env).as("no password file that could hold a default").doesNotContainKey("GF_SECURITY_ADMIN_PASSWORD__FILE");
    assertThat(env.getOrDefault("GF_AUTH_ANONYMOUS_ENABLED", "false")).as("anonymous access").isEqualToIgnoringCase("false");
    assertThat(env.getOrDefault("GF_USERS_ALLOW_SIGN_UP", "false")).as("sign-up").isEqualToIgnoringCase("false");
    assertThat(env.getOrDefault("GF_AUTH_DISABLE_LOGIN_FORM", "false")).as("the login form stays").isEqualToIgnoringCase("false");
    services.forEach((name, service) -> environment(Manifests.map(services, name)).forEach((variable, value) -> {
      if (variable.startsWith("GF_") && variable.contains("PASSWORD")) {
        assertThat(value).as("%s %s", name, variable).isNotEqualToIgnoringCase("admin").doesNotContain(":-");
      }
    }));
  }

  @Test
  void theImageRecipeExists() {
    builtServices().keySet().forEach(name -> {
      String context = buildContext(name);
      String dockerfile = Manifests.str(services, name, "build", "dockerfile");
      Path file = Repo.path(context).resolve(dockerfile == null ? "Dockerfile" : dockerfile).normalize();
      assertThat(file).as("%s Dockerfile", name).isRegularFile();
      assertThat(Repo.read(Repo.ROOT.relativize(file).toString())).contains("mvnw").contains("package");
    });
  }

  /** Compose service name to the services/ folder it builds (build arg SERVICE, or a context of services/NAME). */
  private Map<String, String> builtServices() {
    Map<String, String> built = new TreeMap<>();
    services.forEach((name, raw) -> {
      Object build = Manifests.at(services, name, "build");
      if (build == null) {
        return;
      }
      String context = buildContext(name);
      Path contextPath = Repo.path(context).normalize();
      assertThat(contextPath).as("%s build context", name).isDirectory();
      String folder;
      if (contextPath.getParent() != null && contextPath.getParent().equals(Repo.path("services"))) {
        folder = contextPath.getFileName().toString();
      } else {
        Map<String, String> args = buildArgs(name);
        folder = args.get("SERVICE");
        assertThat(folder).as("%s: build arg SERVICE names the folder under services/", name).isNotBlank();
      }
      assertThat(Repo.path("services").resolve(folder).resolve("winback-service.properties"))
          .as("compose service %s builds services/%s, which must have a winback-service.properties", name, folder)
          .isRegularFile();
      assertThat(built.containsValue(folder)).as("services/%s is built twice", folder).isFalse();
      built.put(name, folder);
    });
    return built;
  }

  private String buildContext(String name) {
    Object build = Manifests.at(services, name, "build");
    String context = build instanceof String s ? s : Manifests.str(build, "context");
    return context == null ? "." : context.replaceFirst("^\\./?", "").isEmpty() ? "." : context.replaceFirst("^\\./", "");
  }

  private Map<String, String> buildArgs(String name) {
    Object args = Manifests.at(services, name, "build", "args");
    return keyValues(args);
  }

  static Map<String, String> environment(Map<String, Object> service) {
    return keyValues(service.get("environment"));
  }

  private static Map<String, String> keyValues(Object node) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> values.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        String entry = String.valueOf(item);
        int equals = entry.indexOf('=');
        values.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
      }
    }
    return values;
  }

  /** command, entrypoint and healthcheck test, each as one string. */
  private static List<String> commands(Map<String, Object> service) {
    List<String> commands = new ArrayList<>();
    for (Object node : new Object[] {service.get("command"), service.get("entrypoint"), Manifests.at(service, "healthcheck", "test")}) {
      if (node instanceof List<?> list) {
        commands.add(list.stream().map(String::valueOf).collect(Collectors.joining(" ")));
      } else if (node != null) {
        commands.add(String.valueOf(node));
      }
    }
    return commands;
  }

  private static List<Integer> containerPorts(Map<String, Object> service) {
    List<Integer> ports = new ArrayList<>();
    for (String mapping : Manifests.strings(service, "ports")) {
      String withoutProtocol = mapping.split("/")[0];
      String[] parts = withoutProtocol.split(":");
      ports.add(Integer.parseInt(parts[parts.length - 1].trim()));
    }
    ports.addAll(Manifests.strings(service, "expose").stream().map(Integer::parseInt).toList());
    return ports;
  }

  private static String hostPort(String mapping) {
    String[] parts = mapping.split("/")[0].split(":");
    return parts.length >= 2 ? parts[parts.length - 2] : parts[0];
  }
}
