package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.monitor.TopicMonitorApplication;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded setup with single sign-on configured too (a developer trying their provider): the
 * login page offers both, and both work, as do HTTP basic and bearer tokens on the API.
 */
@KafkaIntegrationTest
class BothLoginsIT {

  @Test
  void theLoginPageOffersTheFormAndSingleSignOnAndBothLogIn() {
    try (ConfigurableApplicationContext monitor = new SpringApplicationBuilder(TopicMonitorApplication.class)
        .profiles("embedded").run(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
            "--winback.monitor.create-topics=false",
            "--spring.security.oauth2.client.provider.winback.issuer-uri=" + SingleSignOnItBase.OIDC.issuer(),
            "--spring.security.oauth2.client.registration.winback.client-id=" + SingleSignOnItBase.CLIENT,
            "--spring.security.oauth2.client.registration.winback.client-secret=" + SingleSignOnItBase.SECRET,
            "--spring.security.oauth2.client.registration.winback.scope=openid,profile,email",
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + SingleSignOnItBase.OIDC.issuer(),
            "--spring.security.oauth2.resourceserver.jwt.audiences=" + SingleSignOnItBase.AUDIENCE)) {
      int port = ((WebServerApplicationContext) monitor).getWebServer().getPort();
      String app = "http://127.0.0.1:" + port;

      HttpResponse<String> anonymous = new Browser(app).get("/");
      assertThat(anonymous.statusCode()).isEqualTo(302);
      assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(
          location -> assertThat(location).endsWith("/login"));
      assertThat(new Browser(app).get("/login").body()).contains("name=\"password\"",
          "href=\"/oauth2/authorization/winback\"");

      Browser local = new Browser(app);
      assertThat(local.logIn("ops", "ops").headers().firstValue("Location")).hasValueSatisfying(
          location -> assertThat(location).doesNotContain("error"));
      assertThat(local.get("/").statusCode()).isEqualTo(200);

      HttpResponse<String> landed = new Browser(app).logInWithSingleSignOn("/oauth2/authorization/winback",
          "opsviewer", "opsviewer");
      assertThat(landed.statusCode()).isEqualTo(200);
      assertThat(landed.body()).contains("opsviewer", "OPS_VIEWER");

      assertThat(new Http(port).get("/api/lag", "ops").statusCode()).isEqualTo(200);
      assertThat(Http.bearer(port, SingleSignOnItBase.scriptToken(SingleSignOnItBase.VIEWER_SCRIPT))
          .get("/api/lag", null).statusCode()).isEqualTo(200);
    }
  }
}
