package io.winback.cli.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether every copy of a customer's personal data is gone, judged on a subject access report
 * taken after the erasure: the key is erased (or was never written), the processor's and the
 * desk's reports hold no personal data, and no dead letter of the customer opens. A pure function.
 */
public final class ErasureCheck {

  /**
   * One copy that is not gone yet.
   *
   * @param settles whether waiting helps: a dead letter written in the clear (before sealing) stays
   *     readable until its topic's retention removes it, however long one waits
   */
  public record Outstanding(String what, boolean settles) {}

  private ErasureCheck() {}

  /** What is not gone yet; empty when every copy is. {@code personal}: values taken before the erasure. */
  public static List<Outstanding> outstanding(JsonNode report, PersonalValues personal) {
    List<Outstanding> open = new ArrayList<>();
    JsonNode parts = report.path("parts");
    String keyState = parts.path(SubjectAccessReport.CUSTOMER_KEY).path("state").asText();
    if ("KNOWN".equals(keyState)) {
      open.add(new Outstanding(Topics.KEYS.name() + ": the customer's key is still there (the processor has not "
          + "erased it yet)", true));
    }
    service(parts.path(SubjectAccessReport.PROCESSOR), personal, open);
    service(parts.path(SubjectAccessReport.DESK), personal, open);
    for (JsonNode letter : parts.path(SubjectAccessReport.DEAD_LETTERS).path("records")) {
      String place = Topics.DEAD_LETTERS.name() + " " + letter.path("partition").asInt() + "/"
          + letter.path("offset").asLong();
      switch (letter.path("valueState").asText()) {
        case "OPENED" -> open.add(new Outstanding(place + ": still opens with the customer's key", true));
        case "KEY_NOT_AVAILABLE" -> open.add(new Outstanding(place + ": its key is not read yet", true));
        case "PLAIN" -> open.add(new Outstanding(place + ": its value is in the clear (written before values were "
            + "sealed); it is readable until the topic's retention of " + Topics.DEAD_LETTERS.retention().toDays()
            + " days removes it, by " + until(letter), false));
        default -> {
          // ERASED, SEAL_BROKEN, DROPPED, NO_VALUE: nothing of the customer can be read from it.
        }
      }
    }
    return open;
  }

  private static void service(JsonNode part, PersonalValues personal, List<Outstanding> open) {
    String name = part.path("service").asText("a service");
    if (!"ok".equals(part.path("status").asText())) {
      open.add(new Outstanding(name + ": no report (" + part.path("problem").asText() + ")", true));
      return;
    }
    List<String> found = personal.foundIn(part.path("report"));
    if (!found.isEmpty()) {
      open.add(new Outstanding(name + ": its report still holds personal data at " + found, true));
    }
  }

  private static String until(JsonNode letter) {
    try {
      return Instant.parse(letter.path("timestamp").asText()).plus(Topics.DEAD_LETTERS.retention()).toString();
    } catch (RuntimeException unknown) {
      return "its retention";
    }
  }
}
