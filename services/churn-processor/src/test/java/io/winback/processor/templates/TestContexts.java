package io.winback.processor.templates;

import io.winback.events.CancellationReason;
import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.Salutation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ready-made contexts, so each test states only what it is about. */
final class TestContexts {

  static final LocalDate CONTRACT_END = LocalDate.of(2027, 1, 31);
  static final String MANAGER = "Anna Berger";

  /** Compiled once: every test class reads the same shipped templates. */
  static final MessageTemplates TEMPLATES = new MessageTemplates();

  private TestContexts() {}

  static MessageContext german(Channel channel, Goal goal) {
    return new MessageContext(channel, goal, Language.de, Salutation.MR, "Max", "Müller",
        MANAGER, "Glasfaser 250", CONTRACT_END, CancellationReason.PRICE, 1);
  }

  static MessageContext english(Channel channel, Goal goal) {
    return new MessageContext(channel, goal, Language.en, Salutation.MS, "Jane", "Smith",
        MANAGER, "Glasfaser 250", CONTRACT_END, CancellationReason.PRICE, 1);
  }

  static MessageContext withoutSender(MessageContext c) {
    return new MessageContext(c.channel(), c.goal(), c.language(), c.salutation(), c.firstName(),
        c.lastName(), null, c.product(), c.effectiveAt(), c.reason(), c.attempt());
  }

  static MessageContext followUp(MessageContext c) {
    return new MessageContext(c.channel(), c.goal(), c.language(), c.salutation(), c.firstName(),
        c.lastName(), c.senderName(), c.product(), c.effectiveAt(), c.reason(), 2);
  }

  static MessageContext withReason(MessageContext c, CancellationReason reason) {
    return new MessageContext(c.channel(), c.goal(), c.language(), c.salutation(), c.firstName(),
        c.lastName(), c.senderName(), c.product(), c.effectiveAt(), reason, c.attempt());
  }

  static MessageContext withDate(MessageContext c, LocalDate effectiveAt) {
    return new MessageContext(c.channel(), c.goal(), c.language(), c.salutation(), c.firstName(),
        c.lastName(), c.senderName(), c.product(), effectiveAt, c.reason(), c.attempt());
  }

  /** Every channel, goal, language and attempt, each with every salutation, sender and reason. */
  static List<MessageContext> everyVariant() {
    List<MessageContext> all = new ArrayList<>();
    for (MessageContext base : everyCombination()) {
      for (Salutation salutation : Salutation.values()) {
        for (String sender : Arrays.asList(MANAGER, null)) {
          for (CancellationReason reason : CancellationReason.values()) {
            all.add(new MessageContext(base.channel(), base.goal(), base.language(), salutation,
                base.firstName(), base.lastName(), sender, base.product(), base.effectiveAt(),
                reason, base.attempt()));
          }
        }
      }
    }
    return all;
  }

  /** Channel × goal × language × attempt. */
  static List<MessageContext> everyCombination() {
    List<MessageContext> all = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      for (Goal goal : Goal.values()) {
        for (Language language : Language.values()) {
          MessageContext first = language == Language.de
              ? german(channel, goal)
              : english(channel, goal);
          all.add(first);
          all.add(followUp(first));
        }
      }
    }
    return all;
  }
}
