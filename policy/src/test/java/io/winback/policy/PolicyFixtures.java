package io.winback.policy;

import io.winback.events.AccountManager;
import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.events.PostalAddress;
import io.winback.events.Salutation;
import io.winback.events.Tier;
import io.winback.schemas.serde.TrustedPackages;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A plain German customer who may be reached on every channel, and a fresh cancellation; each test
 * tweaks the one thing it is about. With nothing tweaked the policy picks a written first contact
 * by email, due at once, with the goal FEEDBACK.
 */
final class PolicyFixtures {

  static {
    // Avro 1.12 only instantiates trusted classes when a builder copies a nested record.
    TrustedPackages.install();
  }

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** Wednesday 11 November 2026, 10:00 in Berlin. */
  static final Instant NOW = Instant.parse("2026-11-11T09:00:00Z");
  /** One hour before {@link #NOW}: the customer cancelled this morning, on 11 November (Berlin). */
  static final Instant CANCELLED_AT = Instant.parse("2026-11-11T08:00:00Z");
  static final LocalDate CANCELLED_ON = LocalDate.of(2026, 11, 11);
  static final LocalDate CONTRACT_ENDS = LocalDate.of(2027, 1, 31);

  static final String CUSTOMER_ID = "cust-0815";
  static final String CONTRACT_ID = "contract-4242";
  static final String FIRST_NAME = "Anna";
  static final String LAST_NAME = "Schmidt";
  static final String EMAIL = "anna.schmidt@example.de";
  static final String PHONE = "+4930123456";
  static final String STREET = "Lindenstraße 12";
  static final String CITY = "Potsdam";
  static final String POSTAL_CODE = "14467";
  static final String MANAGER_ID = "am-4711";
  static final String MANAGER_NAME = "Jonas Becker";
  static final String MANAGER_EMAIL = "jonas.becker@winback.example";
  static final String MANAGER_PHONE = "+4930999888";
  static final String REASON_TEXT = "Zu teuer, Frau Schmidt wechselt zu einem anderen Anbieter";

  /** Every piece of personal data in the fixtures; none of it may appear in a rationale. */
  static final List<String> PERSONAL_DATA = List.of(
      CUSTOMER_ID, CONTRACT_ID, FIRST_NAME, LAST_NAME, EMAIL, PHONE, STREET, CITY, POSTAL_CODE,
      MANAGER_ID, MANAGER_NAME, MANAGER_EMAIL, MANAGER_PHONE, REASON_TEXT);

  private PolicyFixtures() {}

  static ChannelPolicy policy() {
    return new ChannelPolicy(PolicySettings.defaults());
  }

  static PolicySettings withLongStandingYears(int years) {
    PolicySettings d = PolicySettings.defaults();
    return new PolicySettings(d.version(), years, d.winBackRevenueThreshold(), d.noAnswerTimeout(),
        d.maxAttempts(), d.quietHoursStart(), d.quietHoursEnd(), d.phoneBusinessDays(), d.inPersonDays());
  }

  static PolicySettings withRevenueThreshold(BigDecimal threshold) {
    PolicySettings d = PolicySettings.defaults();
    return new PolicySettings(d.version(), d.longStandingYears(), threshold, d.noAnswerTimeout(),
        d.maxAttempts(), d.quietHoursStart(), d.quietHoursEnd(), d.phoneBusinessDays(), d.inPersonDays());
  }

  static PolicySettings withMaxAttempts(int maxAttempts) {
    PolicySettings d = PolicySettings.defaults();
    return new PolicySettings(d.version(), d.longStandingYears(), d.winBackRevenueThreshold(),
        d.noAnswerTimeout(), maxAttempts, d.quietHoursStart(), d.quietHoursEnd(),
        d.phoneBusinessDays(), d.inPersonDays());
  }

  static PolicySettings withQuietHours(LocalTime start, LocalTime end) {
    PolicySettings d = PolicySettings.defaults();
    return new PolicySettings(d.version(), d.longStandingYears(), d.winBackRevenueThreshold(),
        d.noAnswerTimeout(), d.maxAttempts(), start, end, d.phoneBusinessDays(), d.inPersonDays());
  }

  static PolicySettings withDueDays(int phoneBusinessDays, int inPersonDays) {
    PolicySettings d = PolicySettings.defaults();
    return new PolicySettings(d.version(), d.longStandingYears(), d.winBackRevenueThreshold(),
        d.noAnswerTimeout(), d.maxAttempts(), d.quietHoursStart(), d.quietHoursEnd(),
        phoneBusinessDays, inPersonDays);
  }

  static DueDates dueDates() {
    return new DueDates(PolicySettings.defaults());
  }

  /** A customer for two and a half years, STANDARD tier, consent and contact data for every channel. */
  static CustomerRelationship.Builder customer() {
    return CustomerRelationship.newBuilder()
        .setCustomerId(CUSTOMER_ID)
        .setSalutation(Salutation.MS)
        .setFirstName(FIRST_NAME)
        .setLastName(LAST_NAME)
        .setLanguage(Language.de)
        .setTimezone("Europe/Berlin")
        .setEmail(EMAIL)
        .setPhone(PHONE)
        .setPostalAddress(new PostalAddress(STREET, POSTAL_CODE, CITY, "DE"))
        .setConsent(consentFor(Channel.values()))
        .setDoNotContact(false)
        .setCustomerSince(LocalDate.of(2024, 5, 1))
        .setTier(Tier.STANDARD)
        .setOpenComplexTopics(0)
        .setPersonalContactResponse(ContactResponse.NEUTRAL)
        .setAccountManager(accountManager());
  }

  /** A customer who would be preferred for in person: customer since exactly five years. */
  static CustomerRelationship.Builder longStandingCustomer() {
    return customer().setCustomerSince(CANCELLED_ON.minusYears(5));
  }

  static AccountManager accountManager() {
    return AccountManager.newBuilder()
        .setId(MANAGER_ID)
        .setName(MANAGER_NAME)
        .setEmail(MANAGER_EMAIL)
        .setPhone(MANAGER_PHONE)
        .build();
  }

  /** Consent for exactly the given channels (IN_PERSON means consent to visits). */
  static Consent consentFor(Channel... channels) {
    Set<Channel> allowed = channels.length == 0 ? EnumSet.noneOf(Channel.class) : EnumSet.of(channels[0], channels);
    return Consent.newBuilder()
        .setEmail(allowed.contains(Channel.EMAIL))
        .setPhone(allowed.contains(Channel.PHONE))
        .setLetter(allowed.contains(Channel.LETTER))
        .setWhatsapp(allowed.contains(Channel.WHATSAPP))
        .setVisit(allowed.contains(Channel.IN_PERSON))
        .build();
  }

  /** Consent for every channel except the given ones. */
  static Consent consentExcept(Channel... channels) {
    Set<Channel> allowed = EnumSet.allOf(Channel.class);
    allowed.removeAll(List.of(channels));
    return consentFor(allowed.toArray(Channel[]::new));
  }

  /** A cancellation this morning, contract ending at the end of January, 49.90 EUR a month. */
  static CancellationEvent.Builder cancellation() {
    return CancellationEvent.newBuilder()
        .setEventId("evt-1")
        .setType(CancellationType.CANCELLED)
        .setCustomerId(CUSTOMER_ID)
        .setContractId(CONTRACT_ID)
        .setProduct("Strom Basis")
        .setOccurredAt(CANCELLED_AT)
        .setEffectiveAt(CONTRACT_ENDS)
        .setReason(CancellationReason.PRICE)
        .setReasonText(REASON_TEXT)
        .setMonthlyRevenue(new BigDecimal("49.90"));
  }

  /** A follow-up after no answer on {@code previous}, as the lifecycle asks for one. */
  static java.util.Optional<Decision.Contact> followUp(ChannelPolicy policy, CancellationEvent cancellation,
      CustomerRelationship customer, ContactHistory history, Channel previous, int attemptsSoFar, Instant now) {
    return contact(policy.decide(cancellation, customer, Attempt.followUp(attemptsSoFar + 1, previous, null, history),
        now));
  }

  /** The next written channel after a failed delivery on the written channel used last in {@code history}. */
  static java.util.Optional<Decision.Contact> nextWritten(ChannelPolicy policy, CancellationEvent cancellation,
      CustomerRelationship customer, ContactHistory history, Instant now) {
    Channel failed = List.of(Channel.LETTER, Channel.WHATSAPP, Channel.EMAIL).stream().filter(history::used)
        .findFirst().orElseThrow();
    return contact(policy.decide(cancellation, customer, Attempt.nextWritten(1, failed, null, history), now));
  }

  static java.util.Optional<Decision.Contact> contact(Decision decision) {
    return decision instanceof Decision.Contact contact ? java.util.Optional.of(contact) : java.util.Optional.empty();
  }

  static ContactHistory used(Channel... channels) {
    return new ContactHistory(false, Set.of(channels));
  }

  /** An instant given as local date-time in Berlin, e.g. {@code berlin("2026-11-13T10:00")}. */
  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  static Instant london(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
  }
}
