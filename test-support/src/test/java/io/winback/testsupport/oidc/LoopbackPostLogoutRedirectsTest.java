package io.winback.testsupport.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The post-logout redirect rule: exact, except any port on a loopback IP literal. */
class LoopbackPostLogoutRedirectsTest {

  @Test
  void anExactlyRegisteredUriMatches() {
    assertThat(LoopbackPostLogoutRedirects.matches("http://localhost:8080/bye", "http://localhost:8080/bye")).isTrue();
  }

  @Test
  void onALoopbackLiteralAnyPortMatches() {
    assertThat(LoopbackPostLogoutRedirects.matches("http://127.0.0.1/", "http://127.0.0.1:53117/")).isTrue();
    assertThat(LoopbackPostLogoutRedirects.matches("http://127.0.0.1/logged-out", "http://127.0.0.1:4711/logged-out"))
        .isTrue();
    assertThat(LoopbackPostLogoutRedirects.matches("http://[::1]/bye", "http://[::1]:4711/bye")).isTrue();
  }

  @Test
  void onANameThePortMustMatch() {
    assertThat(LoopbackPostLogoutRedirects.matches("http://localhost/bye", "http://localhost:4711/bye")).isFalse();
    assertThat(LoopbackPostLogoutRedirects.matches("http://desk.example/", "http://desk.example:4711/")).isFalse();
  }

  @Test
  void pathSchemeHostAndQueryMustMatch() {
    assertThat(LoopbackPostLogoutRedirects.matches("http://127.0.0.1/bye", "http://127.0.0.1:4711/other")).isFalse();
    assertThat(LoopbackPostLogoutRedirects.matches("http://127.0.0.1/bye", "https://127.0.0.1:4711/bye")).isFalse();
    assertThat(LoopbackPostLogoutRedirects.matches("http://127.0.0.1/bye", "http://127.0.0.2:4711/bye")).isFalse();
    assertThat(LoopbackPostLogoutRedirects.matches("http://127.0.0.1/bye", "http://127.0.0.1:4711/bye?next=evil"))
        .isFalse();
    assertThat(LoopbackPostLogoutRedirects.matches("http://127.0.0.1/bye", "not a uri")).isFalse();
  }
}
