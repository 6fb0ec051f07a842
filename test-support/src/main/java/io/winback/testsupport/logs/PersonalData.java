package io.winback.testsupport.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as a customer's personal data in a log line: an email address, a phone number, and
 * the names and streets the project's test fixtures give their customers. Addresses of Winback's
 * own (Message-IDs on winback.local, the sender on winback.example, the test provider's staff on
 * winback.test) are not a customer's.
 */
public final class PersonalData {

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d /-]{6,}\\d");
  private static final Set<String> OWN_DOMAINS = Set.of("winback.local", "winback.example", "winback.test");
  /** The fixtures' customers: names and streets the tests use (add more with {@link #fixture}). */
  private static final Set<String> FIXTURES = ConcurrentHashMap.newKeySet();

  static {
    FIXTURES.addAll(List.of("Anna Schmidt", "Frau Schmidt", "Klara Wagner", "Frau Wagner", "Peter Brown",
        "Mr Brown", "Greta Krüger", "Hauptstr. 1"));
  }

  private PersonalData() {}

  /** A test's customer whose name (or street) must never reach a log. */
  public static void fixture(String... values) {
    for (String value : values) {
      if (value != null && value.strip().length() >= 4) {
        FIXTURES.add(value.strip());
      }
    }
  }

  /** The personal data found in {@code line}, masked for the report; empty when there is none. */
  public static List<String> in(String line) {
    List<String> found = new ArrayList<>();
    if (line == null || line.isEmpty()) {
      return found;
    }
    Matcher email = EMAIL.matcher(line);
    while (email.find()) {
      String domain = email.group().substring(email.group().indexOf('@') + 1).toLowerCase();
      if (OWN_DOMAINS.stream().noneMatch(domain::endsWith)) {
        found.add("an email address (" + mask(email.group()) + ")");
      }
    }
    Matcher phone = PHONE.matcher(line);
    while (phone.find()) {
      found.add("a phone number (" + mask(phone.group()) + ")");
    }
    for (String fixture : FIXTURES) {
      if (line.contains(fixture)) {
        found.add("a customer's name or address (" + mask(fixture) + ")");
      }
    }
    return found;
  }

  private static String mask(String value) {
    return value.length() <= 3 ? "***" : value.substring(0, 2) + "***" + value.substring(value.length() - 1);
  }
}
