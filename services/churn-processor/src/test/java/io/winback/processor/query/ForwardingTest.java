package io.winback.processor.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The owner's refusal reaches the caller as the owner said it, but without the owner's address. */
class ForwardingTest {

  @Test
  void aBearerChallengeKeepsItsErrorAndLosesTheOwnersMetadataAddress() {
    assertThat(Forwarding.withoutResourceMetadata("Bearer error=\"invalid_token\", error_description=\"Jwt expired "
        + "at 2026-12-01T09:30:21Z\", error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\", "
        + "resource_metadata=\"http://10.0.0.7:8081/.well-known/oauth-protected-resource\""))
        .isEqualTo("Bearer error=\"invalid_token\", error_description=\"Jwt expired at 2026-12-01T09:30:21Z\", "
            + "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"");
  }

  @Test
  void theMetadataAsTheOnlyOrTheFirstParameterGoesWithItsComma() {
    assertThat(Forwarding.withoutResourceMetadata(
        "Bearer resource_metadata=\"http://10.0.0.7:8081/.well-known/oauth-protected-resource\""))
        .isEqualTo("Bearer");
    assertThat(Forwarding.withoutResourceMetadata(
        "Bearer resource_metadata=\"http://10.0.0.7:8081/.well-known/oauth-protected-resource\", error=\"invalid_token\""))
        .isEqualTo("Bearer error=\"invalid_token\"");
  }

  @Test
  void aBasicChallengeIsPassedOnAsItIs() {
    assertThat(Forwarding.withoutResourceMetadata("Basic realm=\"Winback churn processor\""))
        .isEqualTo("Basic realm=\"Winback churn processor\"");
  }
}
