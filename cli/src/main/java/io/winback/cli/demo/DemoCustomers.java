package io.winback.cli.demo;

import io.winback.events.AccountManager;
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
import io.winback.schemas.serde.TrustedPackages;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import net.datafaker.Faker;

/**
 * Realistic, reproducible demo customers (German and English) and their cancellations. The same
 * seed gives the same customers, so a second {@code up --demo} updates rather than duplicates them.
 */
public final class DemoCustomers {

  private static final String[] PRODUCTS = {
      "Glasfaser 250", "Glasfaser 1000", "DSL 100", "Mobil M", "Mobil L", "TV Komfort", "Business Connect"};
  private static final String[][] REASON_TEXTS_DE = {
      {"PRICE", "Der Preis ist zuletzt deutlich gestiegen."},
      {"SERVICE", "Die Störung im Sommer hat lange gedauert."},
      {"COMPETITOR", "Ein anderer Anbieter hat mir ein Angebot gemacht."},
      {"MOVED", "Wir ziehen um, am neuen Ort gibt es keinen Anschluss."},
      {"NO_NEED", "Ich brauche den Vertrag nicht mehr."}};
  private static final String[][] REASON_TEXTS_EN = {
      {"PRICE", "The price went up noticeably this year."},
      {"SERVICE", "The outage in summer took a long time to fix."},
      {"COMPETITOR", "Another provider made me an offer."},
      {"MOVED", "We are moving abroad."},
      {"NO_NEED", "I no longer need the contract."}};
  private static final String[][] MANAGERS = {
      {"am-1", "Jonas Weber", "jonas.weber@winback.example"},
      {"am-2", "Sabine Krüger", "sabine.krueger@winback.example"},
      {"am-3", "Oliver Grant", "oliver.grant@winback.example"}};

  private final Random random;
  private final Faker german;
  private final Faker english;
  private final Clock clock;

  public DemoCustomers(long seed, Clock clock) {
    TrustedPackages.install(); // builders deep-copy enums, which Avro checks against trusted packages
    this.random = new Random(seed);
    this.german = new Faker(Locale.GERMANY, new Random(seed));
    this.english = new Faker(Locale.UK, new Random(seed + 1));
    this.clock = clock;
  }

  /** {@code count} customers, ids DEMO-0001 upwards; about two in three speak German. */
  public List<CustomerRelationship> relationships(int count) {
    List<CustomerRelationship> customers = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      customers.add(relationship("DEMO-%04d".formatted(i)));
    }
    return customers;
  }

  /** One more customer with this id; about two in three speak German. */
  public CustomerRelationship relationship(String customerId) {
    return relationship(customerId, random.nextInt(3) < 2 ? Language.de : Language.en);
  }

  private CustomerRelationship relationship(String customerId, Language language) {
    Faker faker = language == Language.de ? german : english;
    Salutation salutation = Salutation.values()[random.nextInt(10) < 1 ? 2 : random.nextInt(2)];
    String firstName = faker.name().firstName();
    String lastName = faker.name().lastName();
    Tier tier = pick(Tier.STANDARD, 70, Tier.PREMIUM, 22, Tier.KEY_ACCOUNT);
    boolean managed = tier != Tier.STANDARD || random.nextInt(10) == 0;
    String[] manager = MANAGERS[random.nextInt(MANAGERS.length)];
    LocalDate today = LocalDate.now(clock);
    return CustomerRelationship.newBuilder()
        .setCustomerId(customerId)
        .setSalutation(salutation)
        .setFirstName(firstName)
        .setLastName(lastName)
        .setLanguage(language)
        .setTimezone(language == Language.de ? "Europe/Berlin" : "Europe/London")
        .setEmail(random.nextInt(10) < 9 ? email(firstName, lastName) : null)
        .setPhone(random.nextInt(10) < 8 ? phone(language) : null)
        .setPostalAddress(PostalAddress.newBuilder()
            .setStreet(faker.address().streetAddress())
            .setPostalCode(faker.address().zipCode())
            .setCity(faker.address().city())
            .setCountry(language == Language.de ? "DE" : "GB")
            .build())
        .setConsent(Consent.newBuilder()
            .setEmail(random.nextInt(10) < 8)
            .setPhone(random.nextInt(10) < 6)
            .setLetter(random.nextInt(10) < 7)
            .setWhatsapp(random.nextInt(10) < 3)
            .setVisit(managed && random.nextInt(10) < 6)
            .build())
        .setDoNotContact(random.nextInt(30) == 0)
        .setCustomerSince(today.minusDays(200 + random.nextInt(365 * 14)))
        .setTier(tier)
        .setOpenComplexTopics(random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(2))
        .setPersonalContactResponse(ContactResponse.values()[random.nextInt(ContactResponse.values().length)])
        .setAccountManager(managed ? AccountManager.newBuilder()
            .setId(manager[0]).setName(manager[1]).setEmail(manager[2]).setPhone(null).build() : null)
        .build();
  }

  /** A fresh cancellation by this customer, effective at the end of a month one to three months ahead. */
  public CancellationEvent cancellation(CustomerRelationship customer) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(customer.getTimezone())));
    LocalDate effective = today.plusMonths(1 + random.nextInt(3)).withDayOfMonth(1).minusDays(1);
    String[][] texts = customer.getLanguage() == Language.de ? REASON_TEXTS_DE : REASON_TEXTS_EN;
    String[] reason = random.nextInt(5) < 4 ? texts[random.nextInt(texts.length)] : new String[] {"UNKNOWN", null};
    return CancellationEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setType(CancellationType.CANCELLED)
        .setCustomerId(customer.getCustomerId())
        .setContractId("K-" + customer.getCustomerId().substring(customer.getCustomerId().indexOf('-') + 1) + "-" + (1 + random.nextInt(3)))
        .setProduct(PRODUCTS[random.nextInt(PRODUCTS.length)])
        .setOccurredAt(clock.instant())
        .setEffectiveAt(effective.isAfter(today) ? effective : today.plusDays(30))
        .setReason(CancellationReason.valueOf(reason[0]))
        .setReasonText(random.nextBoolean() ? reason[1] : null)
        .setMonthlyRevenue(BigDecimal.valueOf(999 + random.nextInt(19_000), 2).setScale(2, RoundingMode.UNNECESSARY))
        .build();
  }

  /** The customer withdraws an earlier cancellation. */
  public CancellationEvent withdrawal(CancellationEvent cancelled) {
    return CancellationEvent.newBuilder(cancelled)
        .setEventId(UUID.randomUUID().toString())
        .setType(CancellationType.WITHDRAWN)
        .setOccurredAt(clock.instant())
        .build();
  }

  public int nextIndex(int bound) {
    return random.nextInt(bound);
  }

  private Tier pick(Tier first, int firstPercent, Tier second, int secondPercent, Tier rest) {
    int roll = random.nextInt(100);
    return roll < firstPercent ? first : roll < firstPercent + secondPercent ? second : rest;
  }

  private String email(String firstName, String lastName) {
    return ascii(firstName) + "." + ascii(lastName) + "@example.org";
  }

  private String phone(Language language) {
    String prefix = language == Language.de ? "+4930" : "+44207";
    return prefix + (1_000_000 + random.nextInt(8_999_999));
  }

  private static String ascii(String name) {
    String plain = name.toLowerCase(Locale.ROOT)
        .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
    return Normalizer.normalize(plain, Normalizer.Form.NFD).replaceAll("[^a-z0-9]", "");
  }
}
