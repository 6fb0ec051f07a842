package io.winback.processor;

import io.winback.events.CancellationEvent;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.events.PostalAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer whose personal data is unlike anything else in the processor's templates and fixtures,
 * so that a scan of raw bytes for these strings finds only what leaked.
 */
public final class PersonalData {

  public static final String FIRST_NAME = "Wilhelmina";
  public static final String LAST_NAME = "Quaxelbeck";
  public static final String EMAIL = "w.quaxelbeck@example.org";
  public static final String PHONE = "+4917612398765";
  public static final String STREET = "Zypressenweg 99";
  public static final String CITY = "Quakenbrueck";
  public static final String REASON_TEXT = "Zu laut im Treppenhaus, sagt Frau Quaxelbeck";
  public static final String FEEDBACK_TEXT = "Vielleicht nach dem Umzug wieder";
  public static final String MEETING_PLACE = "Cafe Zypresse";

  /** Every string above: none may appear in the clear in what the processor writes. */
  public static final List<String> ALL = List.of(FIRST_NAME, LAST_NAME, EMAIL, PHONE, STREET, CITY, REASON_TEXT,
      FEEDBACK_TEXT, MEETING_PLACE);

  private PersonalData() {}

  /** A customer with consent for every channel and an account manager: any channel can be chosen. */
  public static CustomerRelationship.Builder customer(String customerId) {
    return Events.customer(customerId)
        .setFirstName(FIRST_NAME)
        .setLastName(LAST_NAME)
        .setEmail(EMAIL)
        .setPhone(PHONE)
        .setPostalAddress(new PostalAddress(STREET, "49610", CITY, "DE"))
        .setConsent(new Consent(true, true, true, true, true));
  }

  /** A long-standing customer with every consent and an account manager: a visit. */
  public static CustomerRelationship.Builder visited(String customerId) {
    return customer(customerId).setCustomerSince(LocalDate.parse("2012-01-01")).setAccountManager(Events.manager());
  }

  public static CancellationEvent.Builder cancellation(String customerId, Instant at) {
    return Events.cancellation(customerId, at).setReasonText(REASON_TEXT);
  }

  /** Which of the strings occur in {@code bytes} (UTF-8), for an assertion that names them. */
  public static List<String> foundIn(byte[] bytes) {
    if (bytes == null) {
      return List.of();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    ALL.forEach(value -> {
      if (text.contains(value)) {
        found.add(value);
      }
    });
    return found;
  }
}
