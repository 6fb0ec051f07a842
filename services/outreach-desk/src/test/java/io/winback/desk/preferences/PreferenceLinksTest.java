package io.winback.desk.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.desk.preferences.PreferenceLinks.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferenceLinksTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final SigningKey OLD = key("2026-11", 'a');
  private static final SigningKey NEW = key("2026-12", 'b');

  @Test
  void aLinkNamesItsTaskAndNothingElse() {
    PreferenceLinks links = new PreferenceLinks(NEW, List.of(NEW), CLOCK);
    String token = links.token("task-42", NOW.plus(Duration.ofDays(60)));

    assertThat(links.taskOf(token)).contains("task-42");
    String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
    assertThat(payload.split("\n")).containsExactly("task-42", Long.toString(NOW.plus(Duration.ofDays(60))
        .getEpochSecond()), "2026-12");
  }

  @Test
  void aTamperedTokenIsRefused() {
    PreferenceLinks links = new PreferenceLinks(NEW, List.of(NEW), CLOCK);
    String token = links.token("task-42", NOW.plus(Duration.ofDays(1)));
    String otherTask = Base64.getUrlEncoder().withoutPadding().encodeToString(("task-43\n"
        + NOW.plus(Duration.ofDays(1)).getEpochSecond() + "\n2026-12").getBytes(StandardCharsets.UTF_8));

    assertThat(links.taskOf(otherTask + token.substring(token.indexOf('.')))).isEmpty();
    assertThat(links.taskOf(token.substring(0, token.length() - 2) + "AA")).isEmpty();
    assertThat(links.taskOf("garbage")).isEmpty();
    assertThat(links.taskOf("a.b.c")).isEmpty();
    assertThat(links.taskOf(null)).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefused() {
    PreferenceLinks links = new PreferenceLinks(NEW, List.of(NEW), CLOCK);

    assertThat(links.taskOf(links.token("task-42", NOW))).isEmpty();
    assertThat(links.taskOf(links.token("task-42", NOW.minusSeconds(1)))).isEmpty();
  }

  @Test
  void aRotatedKeyKeepsOldLinksValidAndSignsNewOnes() {
    String old = new PreferenceLinks(OLD, List.of(OLD), CLOCK).token("task-1", NOW.plus(Duration.ofDays(30)));
    PreferenceLinks rotated = new PreferenceLinks(NEW, List.of(NEW, OLD), CLOCK);

    assertThat(rotated.taskOf(old)).contains("task-1");
    assertThat(rotated.token("task-2", NOW.plus(Duration.ofDays(30)))).isNotEqualTo(old);
    // Once the old key is dropped from the configuration, its links stop working.
    assertThat(new PreferenceLinks(NEW, List.of(NEW), CLOCK).taskOf(old)).isEmpty();
  }

  private static SigningKey key(String id, char fill) {
    return new SigningKey(id, String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
  }
}
