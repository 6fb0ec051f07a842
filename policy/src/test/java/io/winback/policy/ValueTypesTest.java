package io.winback.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.Channel;
import io.winback.events.Goal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValueTypesTest {

  @ParameterizedTest
  @EnumSource(value = Channel.class, names = {"EMAIL", "LETTER", "WHATSAPP"})
  void emailLetterAndWhatsappAreWritten(Channel channel) {
    assertThat(ChannelFamily.of(channel)).isEqualTo(ChannelFamily.WRITTEN);
  }

  @Test
  void phoneIsItsOwnFamily() {
    assertThat(ChannelFamily.of(Channel.PHONE)).isEqualTo(ChannelFamily.PHONE);
  }

  @Test
  void inPersonIsItsOwnFamily() {
    assertThat(ChannelFamily.of(Channel.IN_PERSON)).isEqualTo(ChannelFamily.IN_PERSON);
  }

  @Test
  void noHistoryMeansNoDoNotContactAndNoChannelUsed() {
    assertThat(ContactHistory.none().doNotContactRecorded()).isFalse();
    assertThat(ContactHistory.none().channelsUsedInThisCase()).isEmpty();
  }

  @Test
  void aNullChannelSetMeansNoChannelUsed() {
    assertThat(new ContactHistory(false, null).channelsUsedInThisCase()).isEmpty();
  }

  @Test
  void theHistoryKeepsItsOwnCopyOfTheChannels() {
    Set<Channel> channels = new HashSet<>(Set.of(Channel.EMAIL));
    ContactHistory history = new ContactHistory(false, channels);
    channels.add(Channel.PHONE);

    assertThat(history.channelsUsedInThisCase()).containsExactly(Channel.EMAIL);
  }

  @Test
  void theHistoryCannotBeChangedFromOutside() {
    ContactHistory history = new ContactHistory(false, Set.of(Channel.EMAIL));

    assertThatThrownBy(() -> history.channelsUsedInThisCase().add(Channel.PHONE))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withChannelUsedAddsTheChannelAndKeepsTheRest() {
    ContactHistory history = new ContactHistory(true, Set.of(Channel.EMAIL)).withChannelUsed(Channel.PHONE);

    assertThat(history.channelsUsedInThisCase()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.PHONE);
    assertThat(history.doNotContactRecorded()).isTrue();
  }

  @Test
  void aContactNeedsAChannel() {
    assertThatThrownBy(() -> new Decision.Contact(null, Goal.FEEDBACK,
        Instant.EPOCH, null, List.of()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void ruleIdSlugsAreLowerCaseWithHyphens() {
    assertThat(RuleIds.slug(Channel.IN_PERSON)).isEqualTo("in-person");
    assertThat(RuleIds.slug(Channel.WHATSAPP)).isEqualTo("whatsapp");
  }
}
