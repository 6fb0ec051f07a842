package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The edge: an Ingress per UI (desk, topic monitor) and one for the customers' preference page /p/,
 * each host with TLS from a cert-manager Certificate of the overlay's issuer, every backend an existing
 * Service port that leads to a UI's http port: never to a management port, never to the processor.
 */
class IngressTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  static final String PREFERENCE_PATH = "/p";
  /** ingress-nginx's per-client limits; a preference page without them is open to brute force. */
  static final List<String> RATE_LIMITS = List.of("nginx.ingress.kubernetes.io/limit-rps", "nginx.ingress.kubernetes.io/limit-rpm");
  static final String CONNECTION_LIMIT = "nginx.ingress.kubernetes.io/limit-connections";

  /** host, path, the Ingress it is in and the Service port it leads to. */
  record Route(String ingress, String host, String path, String pathType, String service, Object port) {}

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void theIngressesUseTheSitesClassAndHosts(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Site site = Site.of(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> ingress : manifests.ofKind("Ingress")) {
      softly.assertThat(Manifests.str(ingress, "spec", "ingressClassName")).as("%s Ingress %s class", overlay, Manifests.name(ingress))
          .isEqualTo(site.ingressClass());
      softly.assertThat(Manifests.at(ingress, "spec", "defaultBackend")).as("%s Ingress %s default backend", overlay, Manifests.name(ingress)).isNull();
    }
    softly.assertThat(routes(manifests).stream().map(Route::host).collect(Collectors.toSet()))
        .as("%s hosts", overlay).containsExactlyInAnyOrder(site.deskHost(), site.monitorHost(), site.preferencesHost());
    softly.assertThat(Set.of(site.deskHost(), site.monitorHost(), site.preferencesHost())).as("%s: three different hosts", overlay).hasSize(3);
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyHostHasTlsFromACertificateOfTheSitesIssuer(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Site site = Site.of(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> ingress : manifests.ofKind("Ingress")) {
      String name = overlay + " Ingress " + Manifests.name(ingress);
      for (Map<String, Object> rule : Manifests.list(ingress, "spec", "rules")) {
        String host = Manifests.str(rule, "host");
        Optional<Map<String, Object>> tls = Manifests.list(ingress, "spec", "tls").stream()
            .filter(entry -> Manifests.strings(entry, "hosts").contains(host)).findFirst();
        softly.assertThat(tls).as("%s: TLS for %s", name, host).isPresent();
        tls.ifPresent(entry -> {
          String secret = Manifests.str(entry, "secretName");
          List<Map<String, Object>> certificates = manifests.ofKind("Certificate").stream()
              .filter(certificate -> secret != null && secret.equals(Manifests.str(certificate, "spec", "secretName"))).toList();
          softly.assertThat(certificates).as("%s: a Certificate writes %s", name, secret).hasSize(1);
          certificates.forEach(certificate -> softly.assertThat(Manifests.strings(certificate, "spec", "dnsNames"))
              .as("%s: Certificate %s names %s", name, Manifests.name(certificate), host).contains(host));
        });
      }
    }
    for (Map<String, Object> certificate : manifests.ofKind("Certificate")) {
      String name = overlay + " Certificate " + Manifests.name(certificate);
      softly.assertThat(Manifests.str(certificate, "apiVersion")).as(name).isEqualTo("cert-manager.io/v1");
      softly.assertThat(Manifests.str(certificate, "spec", "issuerRef", "kind")).as("%s issuer kind", name).isEqualTo(site.issuerKind());
      softly.assertThat(Manifests.str(certificate, "spec", "issuerRef", "name")).as("%s issuer", name).isEqualTo(site.issuerName());
      softly.assertThat(Manifests.str(certificate, "spec", "issuerRef", "group")).as("%s issuer group", name).isIn(null, "cert-manager.io");
    }
    // A namespaced Issuer must come with the overlay; a ClusterIssuer is the cluster's.
    if (site.issuerKind().equals("Issuer")) {
      softly.assertThat(manifests.find("Issuer", site.issuerName())).as("%s Issuer %s", overlay, site.issuerName()).isPresent();
    } else {
      softly.assertThat(site.issuerKind()).as("%s issuer kind", overlay).isEqualTo("ClusterIssuer");
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyBackendIsAUisHttpPortNeverManagementNorTheProcessor(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    SoftAssertions softly = new SoftAssertions();
    for (Route route : routes(manifests)) {
      String where = overlay + " " + route;
      Optional<Map<String, Object>> service = manifests.find("Service", route.service());
      softly.assertThat(service).as("%s: the Service exists", where).isPresent();
      if (service.isEmpty()) {
        continue;
      }
      Optional<Map<String, Object>> port = Manifests.list(service.get(), "spec", "ports").stream()
          .filter(p -> route.port() instanceof Number n ? Integer.valueOf(n.intValue()).equals(Manifests.integer(p, "port"))
              : String.valueOf(route.port()).equals(p.get("name")))
          .findFirst();
      softly.assertThat(port).as("%s: the Service has that port", where).isPresent();
      port.ifPresent(p -> {
        softly.assertThat(String.valueOf(p.get("targetPort"))).as("%s: not Actuator", where)
            .isNotIn(Management.PORT_NAME, String.valueOf(Management.PORT));
        softly.assertThat(Manifests.integer(p, "port")).as("%s: not Actuator", where).isNotEqualTo(Management.PORT);
      });
      Map<String, Object> selector = Manifests.map(service.get(), "spec", "selector");
      softly.assertThat(selector.get("app.kubernetes.io/name")).as("%s: the processor has no Ingress", where).isNotEqualTo("churn-processor");
      // The UI's own port, from its winback-service.properties.
      Repo.Service ui = Repo.services().get(String.valueOf(selector.get("app.kubernetes.io/name")));
      softly.assertThat(ui).as("%s leads to a Winback service", where).isNotNull();
      if (ui != null && port.isPresent()) {
        softly.assertThat(Manifests.integer(port.get(), "port")).as("%s: %s's http port", where, ui.folder()).isEqualTo(ui.port());
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void eachUiHasItsHostAtTheRoot(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Site site = Site.of(overlay);
    List<Route> routes = routes(manifests);
    assertThat(routes).as("%s desk", overlay).anySatisfy(route -> {
      assertThat(route.host()).isEqualTo(site.deskHost());
      assertThat(route.path()).isEqualTo("/");
      assertThat(route.pathType()).isEqualTo("Prefix");
      assertThat(route.service()).isEqualTo("outreach-desk");
    });
    assertThat(routes).as("%s topic monitor", overlay).anySatisfy(route -> {
      assertThat(route.host()).isEqualTo(site.monitorHost());
      assertThat(route.path()).isEqualTo("/");
      assertThat(route.pathType()).isEqualTo("Prefix");
      assertThat(route.service()).isEqualTo("topic-monitor");
    });
    assertThat(routes.stream().filter(route -> route.host().equals(site.monitorHost())).map(Route::service).distinct())
        .as("%s: the monitor's host leads only to the monitor", overlay).containsExactly("topic-monitor");
  }

  /**
   * The customers' preference page: its own Ingress on its own host, nothing there but /p, and a
   * rate limit on /p wherever it is reached (on the desk's host too, where "/" would otherwise take it).
   */
  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void thePreferencePageHasItsOwnRateLimitedIngress(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    Site site = Site.of(overlay);
    List<Route> routes = routes(manifests);
    List<Route> onItsHost = routes.stream().filter(route -> route.host().equals(site.preferencesHost())).toList();
    assertThat(onItsHost).as("%s: the preference host serves only /p of the desk", overlay).isNotEmpty().allSatisfy(route -> {
      assertThat(route.path()).isEqualTo(PREFERENCE_PATH);
      assertThat(route.pathType()).isEqualTo("Prefix");
      assertThat(route.service()).isEqualTo("outreach-desk");
    });
    Set<String> deskUiIngresses = routes.stream().filter(route -> route.host().equals(site.deskHost()) && route.path().equals("/"))
        .map(Route::ingress).collect(Collectors.toSet());
    assertThat(onItsHost).as("%s: an Ingress of its own", overlay).allSatisfy(route -> assertThat(deskUiIngresses).doesNotContain(route.ingress()));
    SoftAssertions softly = new SoftAssertions();
    for (String host : routes.stream().map(Route::host).collect(Collectors.toSet())) {
      Optional<Route> serving = servingRoute(routes, host, "/p/some-token");
      if (serving.isEmpty() || !serving.get().service().equals("outreach-desk")) {
        continue;
      }
      Map<String, Object> annotations = Manifests.map(manifests.get("Ingress", serving.get().ingress()), "metadata", "annotations");
      softly.assertThat(RATE_LIMITS.stream().filter(annotations::containsKey).toList())
          .as("%s: /p/... on %s (Ingress %s) is rate-limited", overlay, host, serving.get().ingress()).isNotEmpty();
      RATE_LIMITS.stream().filter(annotations::containsKey).forEach(limit ->
          softly.assertThat(Integer.parseInt(String.valueOf(annotations.get(limit)))).as("%s %s", overlay, limit).isPositive());
      softly.assertThat(annotations).as("%s: /p/... on %s: concurrent connections limited", overlay, host).containsKey(CONNECTION_LIMIT);
    }
    softly.assertAll();
  }

  @Test
  void devAndProdHaveTheirOwnHosts() {
    Site dev = Site.of("dev");
    Site prod = Site.of("prod");
    assertThat(Set.of(dev.deskHost(), dev.monitorHost(), dev.preferencesHost()))
        .doesNotContainAnyElementsOf(Set.of(prod.deskHost(), prod.monitorHost(), prod.preferencesHost()));
  }

  /** The route an ingress controller picks for a request: exact match first, then the longest Prefix (whole path elements). */
  static Optional<Route> servingRoute(List<Route> routes, String host, String path) {
    Route best = null;
    for (Route route : routes) {
      if (!route.host().equals(host)) {
        continue;
      }
      if (route.pathType().equals("Exact") && route.path().equals(path)) {
        return Optional.of(route);
      }
      if (route.pathType().equals("Prefix") && prefixMatches(route.path(), path)
          && (best == null || route.path().length() > best.path().length())) {
        best = route;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean prefixMatches(String prefix, String path) {
    String trimmed = prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
    return trimmed.equals("/") || path.equals(trimmed) || path.startsWith(trimmed + "/");
  }

  static List<Route> routes(Manifests manifests) {
    List<Route> routes = new ArrayList<>();
    for (Map<String, Object> ingress : manifests.ofKind("Ingress")) {
      for (Map<String, Object> rule : Manifests.list(ingress, "spec", "rules")) {
        for (Map<String, Object> path : Manifests.list(rule, "http", "paths")) {
          Map<String, Object> port = Manifests.map(path, "backend", "service", "port");
          routes.add(new Route(Manifests.name(ingress), Manifests.str(rule, "host"), Manifests.str(path, "path"),
              Manifests.str(path, "pathType"), Manifests.str(path, "backend", "service", "name"),
              port.containsKey("number") ? port.get("number") : port.get("name")));
        }
      }
    }
    return routes;
  }
}
