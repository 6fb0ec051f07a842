package io.winback.cli.chaos;

import io.winback.events.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds what the system did against what was fed. A pure function of the ledger, what a
 * read_committed consumer saw, what the SMTP server received and which tasks the desk marked as
 * sent again in doubt. The counts of the last line, precisely:
 *
 * <dl>
 *   <dt>cancellations</dt><dd>valid cancellations fed: distinct eventIds of type CANCELLED (a duplicate
 *       delivery, a withdrawal or a poison record is none).</dd>
 *   <dt>cases</dt><dd>of those, how many have a case on winback.cases.v1 (its cancellationEventId).</dd>
 *   <dt>tasks</dt><dd>distinct taskIds with a CREATE record on the three task topics that belong to those
 *       cases.</dd>
 *   <dt>emails</dt><dd>distinct Message-IDs the SMTP server received that belong to one of those tasks on
 *       channel EMAIL.</dd>
 *   <dt>lost</dt><dd>valid cancellations without a case; cases still without a decision (OPEN or NEEDS_DATA
 *       and no task; every customer's CRM data was sent); decisions (a task on the case) without a CREATE
 *       record; email tasks that had to be sent and got no mail: due before the end of the run, not
 *       cancelled, for a customer whose every CRM version allowed email.</dd>
 *   <dt>duplicated</dt><dd>CREATE records beyond the first per taskId; CREATE tasks that no case lists;
 *       cancellations with more than one case; cases published with more than one openedAt (opened
 *       twice); copies of a mail beyond the one allowed (two when the desk marked the task resent in doubt,
 *       else one).</dd>
 *   <dt>duplicate_emails</dt><dd>second copies of a mail (same Message-ID) for tasks the desk recorded as
 *       {@code sent_email.resent_in_doubt}: its documented crash window, counted, allowed.</dd>
 *   <dt>wrong_contacts</dt><dd>CREATE tasks whose channel no CRM version the processor could have used
 *       allowed (the latest version acknowledged before the cancellation was sent, and any sent after it
 *       and before the task was created; do-not-contact allows nothing); mails for a customer whose CRM
 *       version in force {@code consent-max-staleness} before the mail's connection forbade email, or
 *       whom no version sent before it allowed email; mails whose Message-ID is no email task's.</dd>
 *   <dt>dead_letters</dt><dd>distinct source records (topic, partition, offset in the dead-letter headers)
 *       on winback.dlq.v1. The run passes only if it equals the poison records sent, every one of them
 *       with its reason (error class and message), and no other record is among them.</dd>
 * </dl>
 */
final class ChaosVerdict {

  private static final int SHOWN_PER_KIND = 15;

  record Counts(long cancellations, long cases, long tasks, long emails, long lost, long duplicated,
      long duplicateEmails, long wrongContacts, long deadLetters) {

    String line() {
      return "chaos: cancellations=" + cancellations + " cases=" + cases + " tasks=" + tasks + " emails=" + emails
          + " lost=" + lost + " duplicated=" + duplicated + " duplicate_emails=" + duplicateEmails
          + " wrong_contacts=" + wrongContacts + " dead_letters=" + deadLetters;
    }
  }

  /**
   * @param findings what is wrong, by kind, ids only (at most a few per kind are kept; the counts are complete)
   * @param facts    other figures of the run for the report (mails after a withdrawn cancellation, ...)
   */
  record Result(Counts counts, long poisonSent, long unexpectedDeadLetters, long poisonWithoutReason,
      Map<String, List<String>> findings, Map<String, Long> facts) {

    boolean passed() {
      return counts.lost() == 0 && counts.duplicated() == 0 && counts.wrongContacts() == 0
          && counts.deadLetters() == poisonSent && unexpectedDeadLetters == 0 && poisonWithoutReason == 0;
    }
  }

  private final Map<String, List<String>> findings = new LinkedHashMap<>();
  private final Map<String, Long> facts = new LinkedHashMap<>();
  private long lost;
  private long duplicated;
  private long wrong;

  private ChaosVerdict() {}

  /**
   * @param resentInDoubt taskIds of {@code sent_email} rows with {@code resent_in_doubt}
   * @param staleness     the desks' consent-max-staleness
   * @param endOfRun      email tasks due after this instant (epoch millis) are not expected yet
   */
  static Result judge(Ledger ledger, Observations.Snapshot seen, Map<String, List<RecordingSmtpServer.Copy>> mails,
      Set<String> resentInDoubt, Duration staleness, long endOfRun) {
    return new ChaosVerdict().run(ledger, seen, mails, resentInDoubt, staleness.toMillis(), endOfRun);
  }

  private Result run(Ledger ledger, Observations.Snapshot seen, Map<String, List<RecordingSmtpServer.Copy>> mails,
      Set<String> resentInDoubt, long staleness, long endOfRun) {
    Map<String, Observations.CaseSeen> byEvent = seen.casesByEvent();
    Map<String, Observations.CaseSeen> ours = new HashMap<>();
    long cancellations = 0;
    for (Ledger.Cancellation cancellation : ledger.cancellations()) {
      cancellations++;
      Observations.CaseSeen found = byEvent.get(cancellation.eventId);
      if (found == null) {
        lost("cancellation without a case", "event " + cancellation.eventId + " of " + cancellation.customerId);
        continue;
      }
      ours.put(found.caseId(), found);
      int caseIds = seen.caseIdsPerEvent().getOrDefault(cancellation.eventId, 1);
      if (caseIds > 1) {
        duplicated("cancellation with more than one case", "event " + cancellation.eventId + ": " + caseIds, caseIds - 1);
      }
      if (found.openings() > 1) {
        duplicated("case opened more than once", found.caseId() + ": " + found.openings() + " openedAt", found.openings() - 1);
      }
      if (found.undecided()) {
        lost("case without a decision", found.caseId() + " (" + found.status() + ") of " + found.customerId());
      }
    }

    long tasks = 0;
    Set<String> decided = new HashSet<>();
    for (Observations.CaseSeen found : ours.values()) {
      for (Observations.TaskRef ref : found.tasks()) {
        decided.add(ref.taskId());
        Observations.TaskSeen task = seen.tasks().get(ref.taskId());
        if (task == null || task.creates == 0) {
          lost("decision without a CREATE task", ref.taskId() + " (" + ref.channel() + ") of case " + found.caseId());
        }
      }
    }
    Map<String, Observations.TaskSeen> emailTasks = new HashMap<>();
    for (Observations.TaskSeen task : seen.tasks().values()) {
      if (task.creates == 0) {
        continue;
      }
      if (!ours.containsKey(task.caseId) || !decided.contains(task.taskId)) {
        duplicated("CREATE task no case decided", task.taskId + " (" + task.channel + ") of case " + task.caseId, 1);
        continue;
      }
      tasks++;
      if (task.creates > 1) {
        duplicated("CREATE task more than once", task.taskId + ": " + task.creates + " CREATE records", task.creates - 1);
      }
      Ledger.Cancellation cancellation = ledger.cancellation(ours.get(task.caseId).cancellationEventId());
      if (!anyCouldAllow(ledger.crm(task.customerId), cancellation.sentAt, task.createdAt, task.channel)) {
        wrong("task on a channel the customer had not allowed", task.taskId + " (" + task.channel + ") of "
            + task.customerId);
      }
      if (task.channel == Channel.EMAIL) {
        emailTasks.put(task.taskId, task);
      }
    }

    long emails = 0;
    long duplicateEmails = 0;
    long afterWithdrawnCancellation = 0;
    for (Map.Entry<String, List<RecordingSmtpServer.Copy>> mail : mails.entrySet()) {
      String taskId = taskOf(mail.getKey());
      Observations.TaskSeen task = emailTasks.get(taskId);
      List<RecordingSmtpServer.Copy> copies = mail.getValue();
      if (task == null) {
        wrong("mail for no email task", "Message-ID " + mail.getKey() + " (" + copies.size() + " copies)", copies.size());
        continue;
      }
      emails++;
      int allowed = resentInDoubt.contains(taskId) ? 2 : 1;
      duplicateEmails += Math.min(copies.size(), allowed) - 1;
      if (copies.size() > allowed) {
        duplicated("mail received more often than allowed", "Message-ID " + mail.getKey() + ": " + copies.size()
            + " copies" + (allowed == 2 ? " (resent in doubt)" : ""), copies.size() - allowed);
      }
      List<Ledger.CrmVersion> versions = ledger.crm(task.customerId);
      for (RecordingSmtpServer.Copy copy : copies) {
        if (!mayMail(versions, copy.connectedAt(), staleness)) {
          wrong("mail after the customer's consent was withdrawn", "Message-ID " + mail.getKey() + " to "
              + task.customerId);
          break;
        }
      }
      if (task.cancels > 0 && ledger.cancellationWithdrawn(task.customerId)) {
        afterWithdrawnCancellation++;
      }
    }

    long notDueYet = 0;
    for (Observations.TaskSeen task : emailTasks.values()) {
      if (task.dueAt > endOfRun) {
        notDueYet++;
        continue;
      }
      boolean expected = task.cancels == 0 && ledger.crm(task.customerId).stream().allMatch(v -> v.allows(Channel.EMAIL));
      if (expected && !mails.containsKey(messageId(task.taskId))) {
        List<Observations.DeskOutcome> outcomes = seen.deskOutcomes().getOrDefault(task.taskId, List.of());
        lost("email task without a mail", task.taskId + " of " + task.customerId + ", desk: "
            + (outcomes.isEmpty() ? "no outcome" : outcomes));
      }
    }

    Map<Ledger.Coordinates, Poison> poison = ledger.poison();
    long unexpected = 0;
    long withoutReason = 0;
    for (Map.Entry<Ledger.Coordinates, List<Observations.DeadLetterSeen>> letter : seen.deadLetters().entrySet()) {
      Observations.DeadLetterSeen first = letter.getValue().get(0);
      if (!poison.containsKey(letter.getKey())) {
        unexpected++;
        // No exception by name: the desk's outcome for a task its case's close cancelled (a withdrawal during a
        // send) is recorded by the processor without effect (TaskOutcomes), so a dead letter of it is a finding too.
        finding("valid record dead-lettered", letter.getKey() + " by " + first.service() + ": " + first.errorClass() + ": " + first.errorMessage());
      } else if (letter.getValue().stream().noneMatch(Observations.DeadLetterSeen::hasReason)) {
        withoutReason++;
        finding("dead letter without its reason", letter.getKey().toString());
      }
    }
    for (Map.Entry<Ledger.Coordinates, Poison> sent : poison.entrySet()) {
      if (!seen.deadLetters().containsKey(sent.getKey())) {
        finding("poison record not dead-lettered", sent.getKey() + " " + sent.getValue().kind());
      }
    }

    facts.put("email tasks not due before the end of the run", notDueYet);
    facts.put("mails for a task later cancelled by a withdrawn cancellation", afterWithdrawnCancellation);
    facts.put("tasks the desk sent again in doubt", (long) resentInDoubt.size());
    Counts counts = new Counts(cancellations, ours.size(), tasks, emails, lost, duplicated, duplicateEmails, wrong,
        seen.deadLetters().size());
    return new Result(counts, poison.size(), unexpected, withoutReason, findings, facts);
  }

  /**
   * What the system still owes: cancellations without a case, cases without a decision, email tasks due
   * by {@code now} without a mail, a desk outcome or a CANCEL, poison records not yet dead-lettered. The
   * run waits for this to reach 0 (or to stop moving) before it judges.
   */
  static long outstanding(Ledger ledger, Observations.Snapshot seen, Map<String, List<RecordingSmtpServer.Copy>> mails,
      long now) {
    Map<String, Observations.CaseSeen> byEvent = seen.casesByEvent();
    long owed = 0;
    Set<String> ours = new HashSet<>();
    for (Ledger.Cancellation cancellation : ledger.cancellations()) {
      Observations.CaseSeen found = byEvent.get(cancellation.eventId);
      if (found == null || found.undecided()) {
        owed++;
      }
      if (found != null) {
        ours.add(found.caseId());
      }
    }
    for (Observations.TaskSeen task : seen.tasks().values()) {
      if (task.creates > 0 && task.channel == Channel.EMAIL && task.dueAt <= now && task.cancels == 0
          && ours.contains(task.caseId) && !mails.containsKey(messageId(task.taskId))
          && !seen.deskOutcomes().containsKey(task.taskId)) {
        owed++;
      }
    }
    for (Ledger.Coordinates poison : ledger.poison().keySet()) {
      if (!seen.deadLetters().containsKey(poison)) {
        owed++;
      }
    }
    return owed;
  }

  /**
   * Whether the processor could have had a CRM version allowing {@code channel} when it created the
   * task: the latest version acknowledged before the cancellation was sent, or any version sent after
   * that and before the task was created.
   */
  static boolean anyCouldAllow(List<Ledger.CrmVersion> versions, long cancellationSentAt, long createdAt,
      Channel channel) {
    int baseline = -1;
    for (int i = 0; i < versions.size(); i++) {
      Ledger.CrmVersion version = versions.get(i);
      if (version.ackedAt() > 0 && version.ackedAt() <= cancellationSentAt) {
        baseline = i;
      }
    }
    for (int i = Math.max(0, baseline); i < versions.size(); i++) {
      Ledger.CrmVersion version = versions.get(i);
      if (version.sentAt() <= createdAt && version.allows(channel)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a mail handed over on a connection accepted at {@code connectedAt} respects consent: the
   * CRM version acknowledged at least {@code staleness} before (the desk promises to have seen it) must
   * not forbid email, and some version sent before it must allow it.
   */
  static boolean mayMail(List<Ledger.CrmVersion> versions, long connectedAt, long staleness) {
    Ledger.CrmVersion inForce = null;
    boolean someAllowed = false;
    for (Ledger.CrmVersion version : versions) {
      if (version.ackedAt() > 0 && version.ackedAt() <= connectedAt - staleness) {
        inForce = version;
      }
      someAllowed |= version.sentAt() <= connectedAt && version.allows(Channel.EMAIL);
    }
    return someAllowed && (inForce == null || inForce.allows(Channel.EMAIL));
  }

  /** The desk's Message-ID of a task: {@code <taskId@winback.local>} (outreach-desk, Mailer). */
  static String messageId(String taskId) {
    return "<" + taskId + "@winback.local>";
  }

  static String taskOf(String messageId) {
    return messageId.replaceAll("^<|@winback\\.local>$", "");
  }

  private void lost(String kind, String what) {
    lost++;
    finding(kind, what);
  }

  private void duplicated(String kind, String what, long count) {
    duplicated += count;
    finding(kind, what);
  }

  private void wrong(String kind, String what) {
    wrong(kind, what, 1);
  }

  private void wrong(String kind, String what, long count) {
    wrong += count;
    finding(kind, what);
  }

  private void finding(String kind, String what) {
    List<String> shown = findings.computeIfAbsent(kind, k -> new ArrayList<>());
    if (shown.size() < SHOWN_PER_KIND) {
      shown.add(what);
    }
    facts.merge("found: " + kind, 1L, Long::sum);
  }
}
