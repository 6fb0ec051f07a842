package io.winback.system;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.events.PostalAddress;
import io.winback.events.Salutation;
import io.winback.events.Tier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer whose personal data exists nowhere else: every personal value carries a random token
 * of its own, so a token found anywhere is a copy of this customer's data and nothing else. A
 * recent customer (not long-standing), no key account, who consents to email only: the channel
 * policy writes to them.
 */
final class UniqueCustomer {

  private static final SecureRandom RANDOM = new SecureRandom();

  final String id;
  final String firstName;
  final String lastName;
  final String email;
  final String phone;
  final String street;
  final String city;
  final String reasonText;
  final String feedbackText;
  /** Each personal value's token, by what it is: what a scan looks for. */
  final Map<String, String> tokens = new LinkedHashMap<>();

  private UniqueCustomer(String id) {
    this.id = id;
    String first = token("first name");
    String last = token("last name");
    firstName = "Vorname" + first;
    lastName = "Nachname" + last;
    email = "kunde." + token("email") + "@example.org";
    String digits = digits(9);
    tokens.put("phone", digits);
    phone = "+491" + digits;
    street = "Gasse " + token("street") + " 12";
    city = "Ort" + token("city");
    reasonText = "Kuendigungsgrund " + token("reason text");
    feedbackText = "Freitext " + token("feedback text") + ": zu teuer, lieber spaeter wieder";
  }

  static UniqueCustomer create(String idPrefix) {
    return new UniqueCustomer(idPrefix + "-" + letters(8));
  }

  CustomerRelationship relationship() {
    return relationship(id, lastName);
  }

  /** The same customer's record as a CRM might send it broken: no last name, which the processor refuses. */
  CustomerRelationship withoutLastName() {
    return relationship(id, "");
  }

  private CustomerRelationship relationship(String customerId, String last) {
    return CustomerRelationship.newBuilder()
        .setCustomerId(customerId).setSalutation(Salutation.MS).setFirstName(firstName).setLastName(last)
        .setLanguage(Language.de).setTimezone(weekdayZone()).setEmail(email).setPhone(phone)
        .setPostalAddress(new PostalAddress(street, "10115", city, "DE"))
        .setConsent(Consent.newBuilder().setEmail(true).setPhone(false).setLetter(false).setWhatsapp(false)
            .setVisit(false).build())
        .setDoNotContact(false).setCustomerSince(LocalDate.now().minusYears(1)).setTier(Tier.STANDARD)
        .setOpenComplexTopics(0).setPersonalContactResponse(ContactResponse.NONE).setAccountManager(null)
        .build();
  }

  CancellationEvent cancellation() {
    return CancellationEvent.newBuilder().setEventId("evt-" + id).setType(CancellationType.CANCELLED)
        .setCustomerId(id).setContractId("K-" + id).setProduct("Glasfaser 250").setOccurredAt(Instant.now())
        .setEffectiveAt(LocalDate.now().plusDays(60)).setReason(CancellationReason.PRICE).setReasonText(reasonText)
        .setMonthlyRevenue(new BigDecimal("49.90")).build();
  }

  /** The values a log line must never carry (test-support's scan of the services' logs). */
  List<String> logFixtures() {
    return List.of(firstName, lastName, street, city, feedbackText, reasonText);
  }

  /** What is found in {@code bytes}: the names of the personal values whose token is in them. */
  List<String> foundIn(byte[] bytes) {
    if (bytes == null) {
      return List.of();
    }
    return tokens.entrySet().stream().filter(token -> contains(bytes, token.getValue().getBytes(StandardCharsets.UTF_8)))
        .map(Map.Entry::getKey).toList();
  }

  List<String> foundIn(String text) {
    return text == null ? List.of() : foundIn(text.getBytes(StandardCharsets.UTF_8));
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * A time zone in which it is not Sunday now nor for the next 2 h: the processor never contacts
   * anyone on a Sunday in the customer's zone (a rule, not a setting).
   */
  static String weekdayZone() {
    Instant now = Instant.now();
    for (String zone : List.of("Europe/Berlin", "Pacific/Kiritimati", "Etc/GMT+12")) {
      ZoneId id = ZoneId.of(zone);
      if (now.atZone(id).getDayOfWeek() != DayOfWeek.SUNDAY
          && now.plus(Duration.ofHours(2)).atZone(id).getDayOfWeek() != DayOfWeek.SUNDAY) {
        return zone;
      }
    }
    throw new IllegalStateException("no zone where it is not Sunday"); // cannot happen: UTC-12 to UTC+14
  }

  private String token(String what) {
    String token = letters(10);
    tokens.put(what, token);
    return token;
  }

  private static String letters(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return text.toString();
  }

  private static String digits(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return text.toString();
  }
}
