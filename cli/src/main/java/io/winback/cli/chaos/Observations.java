package io.winback.cli.chaos;

import io.winback.events.CaseTask;
import io.winback.events.Channel;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.events.WinbackCase;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a read_committed consumer saw on the cases, the three task topics, the feedback and the
 * dead letters, reduced to ids, channels, statuses and instants: never the personal fields, which
 * travel sealed. Fed by one consumer thread, read by the checks; every method is synchronized.
 */
final class Observations {

  /** A decision the case records: one outreach task. */
  record TaskRef(String taskId, Channel channel, int attempt) {}

  /** The latest state of a case, and how many different {@code openedAt} it was published with (one, unless it was opened twice). */
  record CaseSeen(String caseId, String customerId, String cancellationEventId, String status, List<TaskRef> tasks,
      int openings) {

    /** Still waiting for the customer's CRM data: no decision yet. */
    boolean undecided() {
      return tasks.isEmpty() && ("OPEN".equals(status) || "NEEDS_DATA".equals(status));
    }
  }

  /** Every record of one task id on the task topics. */
  static final class TaskSeen {
    final String taskId;
    String caseId;
    String customerId;
    Channel channel;
    int attempt;
    long createdAt;
    long dueAt;
    int creates;
    int cancels;

    TaskSeen(String taskId) {
      this.taskId = taskId;
    }
  }

  /** An outcome the desk recorded for a task (SENT, SUPPRESSED, DELIVERY_FAILED ...), with its reason. */
  record DeskOutcome(Outcome outcome, String reason) {}

  /** A record on winback.dlq.v1, by its headers. */
  record DeadLetterSeen(Ledger.Coordinates source, String errorClass, String errorMessage, String service) {
    boolean hasReason() {
      return errorClass != null && !errorClass.isBlank() && errorMessage != null && !errorMessage.isBlank();
    }
  }

  private final Map<String, CaseSeen> cases = new HashMap<>();
  private final Map<String, Set<Long>> openedAt = new HashMap<>();
  private final Map<String, Set<String>> casesByEvent = new HashMap<>();
  private final Map<String, TaskSeen> tasks = new HashMap<>();
  private final Map<String, List<DeskOutcome>> outcomes = new HashMap<>();
  private final Map<Ledger.Coordinates, List<DeadLetterSeen>> deadLetters = new HashMap<>();
  private long records;

  synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
    records++;
    String topic = record.topic();
    try {
      if (topic.equals(Topics.CASES.name())) {
        caseRecord(record);
      } else if (topic.equals(Topics.FEEDBACK.name())) {
        feedback(record);
      } else if (topic.equals(Topics.DEAD_LETTERS.name())) {
        deadLetter(record);
      } else {
        task(record);
      }
    } catch (RuntimeException undecodable) {
      // A poison record on the feedback topic, say: the dead letters are where it is checked.
    }
  }

  private void caseRecord(ConsumerRecord<byte[], byte[]> record) {
    WinbackCase state = Topics.CASES.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (state == null) {
      return;
    }
    List<TaskRef> refs = new ArrayList<>(state.getTasks().size());
    for (CaseTask task : state.getTasks()) {
      refs.add(new TaskRef(task.getTaskId(), task.getChannel(), task.getAttempt()));
    }
    Set<Long> opened = openedAt.computeIfAbsent(state.getCaseId(), id -> new HashSet<>(2));
    opened.add(state.getOpenedAt().toEpochMilli());
    cases.put(state.getCaseId(), new CaseSeen(state.getCaseId(), state.getCustomerId(), state.getCancellationEventId(),
        state.getStatus().name(), List.copyOf(refs), opened.size()));
    casesByEvent.computeIfAbsent(state.getCancellationEventId(), id -> new HashSet<>(1)).add(state.getCaseId());
  }

  private void task(ConsumerRecord<byte[], byte[]> record) {
    OutreachTask task = Topics.TASKS_WRITTEN.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (task == null) {
      return;
    }
    TaskSeen seen = tasks.computeIfAbsent(task.getTaskId(), TaskSeen::new);
    if (task.getAction() == TaskAction.CANCEL) {
      seen.cancels++;
      return;
    }
    seen.creates++;
    seen.caseId = task.getCaseId();
    seen.customerId = task.getCustomerId();
    seen.channel = task.getChannel();
    seen.attempt = task.getAttempt();
    seen.createdAt = task.getCreatedAt().toEpochMilli();
    seen.dueAt = task.getDueAt().toEpochMilli();
  }

  private void feedback(ConsumerRecord<byte[], byte[]> record) {
    OutreachFeedback feedback = Topics.FEEDBACK.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (feedback == null || feedback.getRecordedBy() == null || !feedback.getRecordedBy().startsWith("outreach-desk")) {
      return;
    }
    outcomes.computeIfAbsent(feedback.getTaskId(), id -> new ArrayList<>(1))
        .add(new DeskOutcome(feedback.getOutcome(), feedback.getReason()));
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record) {
    Headers headers = record.headers();
    String topic = header(headers, DeadLetterHeaders.SOURCE_TOPIC);
    String partition = header(headers, DeadLetterHeaders.SOURCE_PARTITION);
    String offset = header(headers, DeadLetterHeaders.SOURCE_OFFSET);
    Ledger.Coordinates source = new Ledger.Coordinates(String.valueOf(topic),
        partition == null ? -1 : Integer.parseInt(partition), offset == null ? -1 : Long.parseLong(offset));
    deadLetters.computeIfAbsent(source, key -> new ArrayList<>(1)).add(new DeadLetterSeen(source,
        header(headers, DeadLetterHeaders.ERROR_CLASS), header(headers, DeadLetterHeaders.ERROR_MESSAGE),
        header(headers, DeadLetterHeaders.SERVICE)));
  }

  private static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Records seen so far: progress. */
  synchronized long records() {
    return records;
  }

  synchronized Snapshot snapshot() {
    Map<String, TaskSeen> taskCopies = new HashMap<>();
    tasks.forEach((id, seen) -> {
      TaskSeen copy = new TaskSeen(id);
      copy.caseId = seen.caseId;
      copy.customerId = seen.customerId;
      copy.channel = seen.channel;
      copy.attempt = seen.attempt;
      copy.createdAt = seen.createdAt;
      copy.dueAt = seen.dueAt;
      copy.creates = seen.creates;
      copy.cancels = seen.cancels;
      taskCopies.put(id, copy);
    });
    Map<String, Integer> caseIdsPerEvent = new HashMap<>();
    casesByEvent.forEach((event, ids) -> caseIdsPerEvent.put(event, ids.size()));
    Map<String, List<DeskOutcome>> outcomeCopies = new HashMap<>();
    outcomes.forEach((id, list) -> outcomeCopies.put(id, List.copyOf(list)));
    Map<Ledger.Coordinates, List<DeadLetterSeen>> letterCopies = new HashMap<>();
    deadLetters.forEach((at, list) -> letterCopies.put(at, List.copyOf(list)));
    return new Snapshot(Map.copyOf(cases), caseIdsPerEvent, taskCopies, outcomeCopies, letterCopies);
  }

  /** A consistent copy for the checks. */
  record Snapshot(Map<String, CaseSeen> cases, Map<String, Integer> caseIdsPerEvent, Map<String, TaskSeen> tasks,
      Map<String, List<DeskOutcome>> deskOutcomes, Map<Ledger.Coordinates, List<DeadLetterSeen>> deadLetters) {

    /** Cases by the cancellation that opened them. */
    Map<String, CaseSeen> casesByEvent() {
      Map<String, CaseSeen> byEvent = new HashMap<>();
      cases.values().forEach(seen -> byEvent.put(seen.cancellationEventId(), seen));
      return byEvent;
    }
  }
}
