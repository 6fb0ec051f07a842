package io.winback.testsupport.oidc;

import io.winback.testsupport.FreePort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A real OpenID Connect provider for integration tests: Spring Authorization Server in the test JVM,
 * on a free port of 127.0.0.1, with its own login page, users with roles and claims, and clients
 * registered while it runs. Tokens come from its real endpoints over HTTP, signed with a key made at
 * start; nothing here signs whatever a test asks for.
 *
 * <h2>What it serves</h2>
 * Issuer {@code http://localhost:<port>}: discovery ({@code /.well-known/openid-configuration}), JWKS
 * ({@code /oauth2/jwks}), {@code /oauth2/authorize}, {@code /oauth2/token}, userinfo ({@code /userinfo}),
 * RP-initiated logout ({@code end_session_endpoint} = {@code /connect/logout}, honouring
 * {@code post_logout_redirect_uri}) and Spring Security's form login at {@code /login}. Its session
 * cookie is {@value #SESSION_COOKIE}, so it never overwrites the session cookie of an application
 * under test on the same host (browsers ignore ports for cookies).
 *
 * <p>It runs in an application context of its own that imports only the servlet server, MVC, Jackson
 * and the security filter: no component scan, no {@code @EnableAutoConfiguration}, no
 * {@code application.yml}, no system properties or environment variables. The Kafka, DataSource,
 * Flyway, session, Thymeleaf and mail auto-configurations on a service's test classpath never see it.
 * In the other direction it uses the Spring Authorization Server library, not Boot's
 * authorization-server starter, whose auto-configuration would hand every {@code @SpringBootTest} of
 * the module a {@code JwtDecoder} of its own.
 *
 * <h2>Users</h2>
 * Unless {@link Options#withoutDefaultUsers()}, password = user name:
 * <table>
 *   <caption>default users</caption>
 *   <tr><th>user</th><th>roles</th><th>claims besides {@code preferred_username}</th></tr>
 *   <tr><td>agent</td><td>AGENT</td><td>name Alex Agent, email agent@winback.test</td></tr>
 *   <tr><td>agent2</td><td>AGENT</td><td>name Andrea Agent, email agent2@winback.test</td></tr>
 *   <tr><td>lead</td><td>LEAD, AGENT</td><td>name Lea Lead, email lead@winback.test</td></tr>
 *   <tr><td>opsviewer</td><td>OPS_VIEWER</td><td>name Olli Ops, email opsviewer@winback.test</td></tr>
 *   <tr><td>opsadmin</td><td>OPS_ADMIN, OPS_VIEWER</td><td>name Oda Admin, email opsadmin@winback.test</td></tr>
 *   <tr><td>jonas</td><td>AGENT</td><td>name Jonas Weber, email jonas@winback.test, account_manager_id am-1</td></tr>
 * </table>
 * {@link #user} adds or replaces one while the provider runs; {@link Options#withUser} before it starts.
 * A user's roles (in the {@link RoleClaim} shape of the provider) and claims go into the ID token, the
 * access token and the userinfo answer, whatever the scopes.
 *
 * <h2>Clients</h2>
 * <ul>
 *   <li>{@link #webClient}: authorization code (client secret, PKCE accepted; without a secret a public
 *       client that must use PKCE), refresh tokens, scopes {@code openid profile email}, no consent
 *       page. Access tokens have {@code aud} = the client id, or the audience given.</li>
 *   <li>{@link #machineClient}: client credentials; the access token carries the client's roles in the
 *       role claim and {@code aud} = the audience, and lives {@code tokenTtl}.</li>
 *   <li>{@link #expiredMachineClient}: the same, but its tokens were issued {@link #EXPIRED_ISSUED_AGO}
 *       ago with a one-second lifetime: expired by their own {@code exp} when the test gets them, beyond
 *       the 60 seconds of clock skew that Spring's {@code JwtTimestampValidator} allows by default. (A
 *       {@link #machineClient} with a 1-second TTL also works, but its token is accepted for another
 *       minute.)</li>
 * </ul>
 * Registering a client id again replaces the registration. A redirect or post-logout redirect URI
 * on the loopback IP literal {@code 127.0.0.1} matches any port (OAuth 2.1, section 8.4.2; Spring
 * Authorization Server does it for redirect URIs, this provider for post-logout URIs too): register
 * {@code http://127.0.0.1/login/oauth2/code/oidc} before the application under test has a port.
 *
 * <h2>Tokens without a browser</h2>
 * {@link #clientCredentialsToken} and {@link #logIn} call the provider's endpoints over HTTP: the
 * latter goes through the authorization endpoint, the login form (cookies, CSRF) and the code
 * exchange with PKCE, for API tests that need a user's token.
 *
 * <h2>One per JVM, or one per test</h2>
 * {@link #shared()} (or {@link #shared(Options)}, one per distinct options) starts a provider once per
 * JVM and stops it when the JVM exits; {@code close()} on it does nothing, so every test class of a
 * module can use it (about a second saved per class). Tests that share it register users and clients
 * under names of their own. {@link #start()} starts a provider that the caller closes.
 *
 * <h2>Use from a service's {@code @SpringBootTest}</h2>
 * The order problem: {@code @DynamicPropertySource} runs before the application has its random port,
 * and the provider must know the redirect URI before the first login. The clean way is the loopback
 * rule above: register the URIs on {@code 127.0.0.1} without a port, and let the browser open the
 * application at {@code http://127.0.0.1:<port>} (so that Spring's {@code {baseUrl}} is on
 * {@code 127.0.0.1} too). The provider stays on {@code localhost}, a different cookie host.
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * class DeskSingleSignOnIT {
 *
 *   static final OidcTestProvider OIDC = OidcTestProvider.shared()
 *       .webClient("desk", "desk-secret",
 *           "http://127.0.0.1/login/oauth2/code/oidc",  // any port: the desk's {baseUrl}/login/oauth2/code/{registrationId}
 *           "http://127.0.0.1/",                        // any port: where logout returns
 *           "winback-desk")                             // aud of the users' access tokens, for API tests with a user's token
 *       .machineClient("callcentre", "callcentre-secret", List.of("AGENT"), "winback-desk", Duration.ofMinutes(5))
 *       .machineClient("elsewhere", "elsewhere-secret", List.of("AGENT"), "another-api", Duration.ofMinutes(5))
 *       .expiredMachineClient("stale", "stale-secret", List.of("AGENT"), "winback-desk");
 *
 *   @DynamicPropertySource
 *   static void oidc(DynamicPropertyRegistry registry) {
 *     registry.add("spring.security.oauth2.client.provider.oidc.issuer-uri", OIDC::issuer);
 *     registry.add("spring.security.oauth2.client.registration.oidc.client-id", () -> "desk");
 *     registry.add("spring.security.oauth2.client.registration.oidc.client-secret", () -> "desk-secret");
 *     registry.add("spring.security.oauth2.client.registration.oidc.scope", () -> "openid,profile,email");
 *     registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OIDC::issuer);
 *     registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "winback-desk");
 *     registry.add("winback.security.role-claim", () -> OIDC.roleClaim().path()); // the desk's own key, whatever it is
 *   }
 *
 *   @LocalServerPort int port;
 *
 *   @Test
 *   void agentLogsInAndOut() {
 *     browser.get("http://127.0.0.1:" + port + "/");  // not localhost: the redirect URI is registered on 127.0.0.1
 *     // the provider's login page: fill #username and #password with "agent", submit, see the worklist ...
 *   }
 *
 *   @Test
 *   void apiTakesMachineAndUserTokens() {
 *     String machine = OIDC.clientCredentialsToken("callcentre", "callcentre-secret");
 *     String user = OIDC.logIn("desk", "desk-secret", "http://127.0.0.1/login/oauth2/code/oidc", "agent", "agent")
 *         .accessToken();  // a user's token for the API: aud "winback-desk", the user's roles and claims
 *     String expired = OIDC.clientCredentialsToken("stale", "stale-secret");
 *     String otherAudience = OIDC.clientCredentialsToken("elsewhere", "elsewhere-secret");
 *     // GET /api/... with "Authorization: Bearer " + token ...
 *   }
 * }
 * }</pre>
 * If a test must open the application on {@code localhost} instead, register the exact URIs once
 * the port is known, e.g. in {@code @BeforeEach}: {@code OIDC.webClient("desk", "desk-secret",
 * "http://localhost:" + port + "/login/oauth2/code/oidc", "http://localhost:" + port + "/")} (the
 * application needs the registration only at the first login; at start it reads only discovery).
 *
 * <p>A module that uses this class adds, test-scoped, {@code org.springframework.security:spring-security-oauth2-authorization-server}
 * (Boot manages the version) next to its web and security starters; test-support declares these optional.
 */
public final class OidcTestProvider implements AutoCloseable {

  /** The provider's session cookie, named apart from JSESSIONID and SESSION of an application under test. */
  public static final String SESSION_COOKIE = "OIDC_PROVIDER_SESSION";

  /** How long before now the tokens of an {@link #expiredMachineClient} say they were issued. */
  public static final Duration EXPIRED_ISSUED_AGO = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(OidcTestProvider.class);
  private static final Map<Options, OidcTestProvider> SHARED = new ConcurrentHashMap<>();
  private static final int START_ATTEMPTS = 5;

  private final Options options;
  private final TestUsers users;
  private final TestClients clients = new TestClients();
  private final AnnotationConfigServletWebServerApplicationContext context;
  private final String issuer;
  private final TokenEndpoint tokenEndpoint;
  private final boolean shared;

  /**
   * What a provider starts with.
   *
   * @param roleClaim    where roles go in tokens and userinfo
   * @param defaultUsers whether the default users (agent, agent2, lead, opsviewer, opsadmin, jonas) exist
   * @param users        further users (a user of a default name replaces the default one)
   */
  public record Options(RoleClaim roleClaim, boolean defaultUsers, List<TestUser> users) {

    public Options {
      Objects.requireNonNull(roleClaim, "roleClaim");
      users = List.copyOf(users);
    }

    /** Top-level {@code roles}, the default users, no others. */
    public static Options defaults() {
      return new Options(RoleClaim.ROLES, true, List.of());
    }

    public Options withRoleClaim(RoleClaim claim) {
      return new Options(claim, defaultUsers, users);
    }

    public Options withoutDefaultUsers() {
      return new Options(roleClaim, false, users);
    }

    public Options withUser(String username, String password, List<String> roles, Map<String, Object> claims) {
      List<TestUser> more = new ArrayList<>(users);
      more.add(new TestUser(username, password, roles, claims));
      return new Options(roleClaim, defaultUsers, more);
    }
  }

  private OidcTestProvider(Options options, boolean shared) {
    this.options = options;
    this.shared = shared;
    List<TestUser> initial = new ArrayList<>(options.defaultUsers() ? TestUser.defaults() : List.of());
    initial.addAll(options.users());
    this.users = new TestUsers(initial);
    int port = 0;
    AnnotationConfigServletWebServerApplicationContext started = null;
    for (int attempt = 1; started == null; attempt++) {
      port = FreePort.pick();
      try {
        started = startContext(port);
      } catch (RuntimeException e) {
        // Another process may take the picked port before Tomcat binds it: pick again.
        if (attempt >= START_ATTEMPTS || !causedByPortInUse(e)) {
          throw e;
        }
      }
    }
    this.context = started;
    this.issuer = issuerFor(port);
    this.tokenEndpoint = new TokenEndpoint(issuer);
    log.info("OIDC test provider at {} (roles in claim '{}')", issuer, options.roleClaim().path());
  }

  /** A new provider with {@link Options#defaults()}; the caller closes it. */
  public static OidcTestProvider start() {
    return start(Options.defaults());
  }

  /** A new provider; the caller closes it. */
  public static OidcTestProvider start(Options options) {
    return new OidcTestProvider(options, false);
  }

  /** The JVM's provider with {@link Options#defaults()}, started on first use, stopped when the JVM exits. */
  public static OidcTestProvider shared() {
    return shared(Options.defaults());
  }

  /** The JVM's provider with these options (one per distinct options), started on first use. */
  public static OidcTestProvider shared(Options options) {
    return SHARED.computeIfAbsent(options, key -> {
      OidcTestProvider provider = new OidcTestProvider(key, true);
      Runtime.getRuntime().addShutdownHook(new Thread(provider::stop, "oidc-test-provider-stop"));
      return provider;
    });
  }

  /** {@code http://localhost:<port>}, for {@code issuer-uri} properties and {@code NimbusJwtDecoder.withIssuerLocation}. */
  public String issuer() {
    return issuer;
  }

  /** Where this provider puts roles; {@link RoleClaim#path()} is what a service's role-claim setting names. */
  public RoleClaim roleClaim() {
    return options.roleClaim();
  }

  /** Adds a user, or replaces the one of the same name; logins from now on see the change. */
  public OidcTestProvider user(String username, String password, List<String> roles, Map<String, Object> claims) {
    users.put(new TestUser(username, password, roles, claims));
    return this;
  }

  /**
   * Registers (or replaces) a browser application's client: authorization code, refresh token, scopes
   * {@code openid profile email}; access tokens with {@code aud} = {@code clientId}.
   *
   * @param secret                the client secret, or {@code null} for a public client (PKCE required)
   * @param redirectUri           where the code goes, e.g. {@code http://127.0.0.1/login/oauth2/code/oidc}
   *                              (on 127.0.0.1 any port matches)
   * @param postLogoutRedirectUri where RP-initiated logout may return, or {@code null}; on 127.0.0.1 any port matches
   */
  public OidcTestProvider webClient(String clientId, String secret, String redirectUri, String postLogoutRedirectUri) {
    return webClient(clientId, secret, redirectUri, postLogoutRedirectUri, null);
  }

  /** As {@link #webClient(String, String, String, String)}, the access tokens' {@code aud} being {@code audience}. */
  public OidcTestProvider webClient(String clientId, String secret, String redirectUri, String postLogoutRedirectUri,
      String audience) {
    clients.web(clientId, secret, List.of(redirectUri),
        postLogoutRedirectUri == null ? List.of() : List.of(postLogoutRedirectUri), audience);
    return this;
  }

  /**
   * Registers (or replaces) a client-credentials client whose access tokens carry {@code roles} in the
   * role claim, {@code aud} = {@code audience} and live {@code tokenTtl}.
   */
  public OidcTestProvider machineClient(String clientId, String secret, List<String> roles, String audience,
      Duration tokenTtl) {
    clients.machine(clientId, secret, roles, audience, tokenTtl, null);
    return this;
  }

  /**
   * Registers (or replaces) a client-credentials client like {@link #machineClient} whose tokens are
   * expired on arrival: issued {@link #EXPIRED_ISSUED_AGO} ago, valid for one second.
   */
  public OidcTestProvider expiredMachineClient(String clientId, String secret, List<String> roles, String audience) {
    clients.machine(clientId, secret, roles, audience, Duration.ofSeconds(1), EXPIRED_ISSUED_AGO);
    return this;
  }

  /** An access token from the token endpoint's client-credentials grant, over HTTP with HTTP basic client authentication. */
  public String clientCredentialsToken(String clientId, String secret) {
    return tokenEndpoint.clientCredentials(clientId, secret);
  }

  /**
   * Logs a user in without a browser and returns the tokens: the authorization endpoint, the login form
   * and the token endpoint over HTTP (see the class comment). The redirect URI must be one registered
   * for the web client (on 127.0.0.1 with any port); it is never called.
   *
   * @throws IllegalArgumentException if the login form refuses the user name or password
   */
  public Tokens logIn(String clientId, String secret, String redirectUri, String username, String password) {
    return new HeadlessLogin(issuer, tokenEndpoint).logIn(clientId, secret, redirectUri, username, password);
  }

  /** New tokens for a refresh token, from the token endpoint. */
  public Tokens refresh(String clientId, String secret, String refreshToken) {
    return tokenEndpoint.refresh(clientId, secret, refreshToken);
  }

  /** Stops the provider; on a {@link #shared()} one it does nothing (the JVM's exit stops it). */
  @Override
  public void close() {
    if (!shared) {
      stop();
    }
  }

  private void stop() {
    context.close();
  }

  private AnnotationConfigServletWebServerApplicationContext startContext(int port) {
    AnnotationConfigServletWebServerApplicationContext created = new AnnotationConfigServletWebServerApplicationContext();
    created.setEnvironment(isolatedEnvironment(port));
    created.registerBean(TestUsers.class, () -> users);
    created.registerBean(RegisteredClientRepository.class, () -> clients);
    created.registerBean(TokenClaims.class, () -> new TokenClaims(users, options.roleClaim()));
    created.register(ProviderConfiguration.class);
    try {
      created.refresh();
      return created;
    } catch (RuntimeException e) {
      created.close();
      throw e;
    }
  }

  /** Only these properties: nothing from system properties, environment variables or application.yml. */
  private static ConfigurableEnvironment isolatedEnvironment(int port) {
    ConfigurableEnvironment environment = new AbstractEnvironment() {
    };
    environment.getPropertySources().addFirst(new MapPropertySource("oidc-test-provider", Map.of(
        "server.port", String.valueOf(port),
        "server.address", "127.0.0.1",
        "server.servlet.session.cookie.name", SESSION_COOKIE,
        "server.shutdown", "immediate",
        "winback.oidc.issuer", issuerFor(port))));
    return environment;
  }

  private static String issuerFor(int port) {
    return "http://localhost:" + port;
  }

  private static boolean causedByPortInUse(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PortInUseException) {
        return true;
      }
    }
    return false;
  }
}
