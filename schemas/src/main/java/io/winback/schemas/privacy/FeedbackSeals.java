package io.winback.schemas.privacy;

import io.winback.events.FeedbackPersonalData;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.serde.AvroSerde;

/** An OutreachFeedback's personal fields (what the customer said, where they meet) sealed under the customer's key. */
public final class FeedbackSeals {

  private static final AvroSerde<FeedbackPersonalData> PERSONAL = AvroSerde.of(FeedbackPersonalData.class);

  private FeedbackSeals() {}

  static String purpose(OutreachFeedback feedback) {
    return "feedback:" + feedback.getFeedbackId();
  }

  /** Sealed when there is anything personal; a feedback without free text stays as it is. */
  public static OutreachFeedback seal(OutreachFeedback feedback, KeyMaterial key) {
    if (feedback.getSealed() != null || (feedback.getFeedbackText() == null && feedback.getMeetingPlace() == null)) {
      return feedback;
    }
    byte[] plaintext = PERSONAL.serializer().serialize(null, FeedbackPersonalData.newBuilder()
        .setFeedbackText(feedback.getFeedbackText()).setMeetingPlace(feedback.getMeetingPlace()).build());
    return OutreachFeedback.newBuilder(withoutPersonalData(feedback))
        .setSealed(Sealing.seal(key, feedback.getCustomerId(), purpose(feedback), plaintext)).build();
  }

  public static Opened<OutreachFeedback> open(OutreachFeedback feedback, KeyRing keys) {
    if (feedback.getSealed() == null) {
      return new Opened<>(feedback, Opened.Access.PLAIN);
    }
    return switch (keys.state(feedback.getCustomerId())) {
      case ERASED -> new Opened<>(withoutPersonalData(feedback), Opened.Access.ERASED);
      case UNKNOWN -> throw new KeyMissingException(feedback.getCustomerId());
      case KNOWN -> {
        KeyMaterial key = keys.key(feedback.getCustomerId()).orElseThrow();
        FeedbackPersonalData personal = PERSONAL.deserializer().deserialize(null,
            Sealing.open(key, feedback.getCustomerId(), purpose(feedback), feedback.getSealed()));
        yield new Opened<>(OutreachFeedback.newBuilder(feedback).setFeedbackText(personal.getFeedbackText())
            .setMeetingPlace(personal.getMeetingPlace()).setSealed(null).build(), Opened.Access.OPENED);
      }
    };
  }

  public static OutreachFeedback withoutPersonalData(OutreachFeedback feedback) {
    return OutreachFeedback.newBuilder(feedback).setFeedbackText(null).setMeetingPlace(null).setSealed(null).build();
  }
}
