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
import java.util.UUID;
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
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    // format, expiry, key id, the task id, the MAC: nothing else.
    assertThat(bytes).hasSize(1 + 4 + 1 + "2026-12".length() + 1 + "task-42".length() + 16);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("2026-12").contains("task-42");
  }

  @Test
  void aProcessorsTaskIdMakesAShortUrlSafeToken() {
    PreferenceLinks links = new PreferenceLinks(NEW, List.of(NEW), CLOCK);
    String taskId = "task-" + UUID.nameUUIDFromBytes("task/case-1/1/EMAIL".getBytes(StandardCharsets.UTF_8));
    String token = links.token(taskId, NOW.plus(Duration.ofDays(60)));

    assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(60);
    assertThat(links.taskOf(token)).contains(taskId);
  }

  @Test
  void aTamperedTokenIsRefused() {
    PreferenceLinks links = new PreferenceLinks(NEW, List.of(NEW), CLOCK);
    String token = links.token("task-42", NOW.plus(Duration.ofDays(1)));
    byte[] otherTask = Base64.getUrlDecoder().decode(token);
    otherTask[otherTask.length - 17] = '3'; // task-43, the MAC of task-42

    assertThat(links.taskOf(Base64.getUrlEncoder().withoutPadding().encodeToString(otherTask))).isEmpty();
    assertThat(links.taskOf(token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA"))).isEmpty();
    assertThat(links.taskOf(token.substring(1))).isEmpty();
    assertThat(links.taskOf(token + "A")).isEmpty();
    assertThat(links.taskOf("garbage")).isEmpty();
    assertThat(links.taskOf("a.b.c")).isEmpty();
    assertThat(links.taskOf("")).isEmpty();
    assertThat(links.taskOf(null)).isEmpty();
    // Signed with a key of the same id but another secret.
    assertThat(new PreferenceLinks(key("2026-12", 'c'), List.of(key("2026-12", 'c')), CLOCK).taskOf(token)).isEmpty();
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
