package io.winback.cli.replay;

import io.winback.cli.CommandFailure;
import io.winback.cli.KafkaConnection;
import io.winback.events.CancellationEvent;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.PolicySettings;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Decides past cancellations again, with today's channel policy and with",
        "proposed winback.policy.* settings, and prints how the decisions differ:",
        "the channel mix (first task's channel, or SUPPRESSED), the goal mix,",
        "suppressions by rule, the rules that fired, and the cases that change",
        "(their channel, their goal, or whether they are contacted at all).",
        "It runs the processor's own policy on a first contact, at the time each",
        "cancellation was published, on the customer's latest CRM record; erased",
        "customers and customers without CRM data are skipped and counted.",
        "A DO_NOT_CONTACT on outreach.feedback.v1 before the cancellation counts.",
        "It reads billing.cancellations.v1, crm.relationships.v1 and",
        "outreach.feedback.v1 (committed records only), joins no consumer group",
        "and writes nothing to Kafka.",
        "The last line (shown here on two):",
        "  replay: cancellations=<N> changed=<M>",
        "    before=<channel:count,...> after=<channel:count,...>",
        "N counts the cancellations decided; the channels come in the order EMAIL,",
        "LETTER, WHATSAPP, PHONE, IN_PERSON, then SUPPRESSED, zeros included."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the replay is complete", "2:usage error: an unknown setting, a bad value, an unreadable file",
        "3:Kafka not reachable", "4:a topic is missing or could not be read, or the CSV could not be written"})
public class ReplayCommand implements Callable<Integer> {

  @Option(names = "--since", paramLabel = "DURATION", converter = SinceConverter.class,
      description = "Only cancellations published in this last period, e.g. 30d, 12h, P14D (default: all there are)")
  Duration since;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A proposed setting, e.g. long-standing-years=3 or winback.policy.max-attempts=3; repeatable")
  List<String> sets = new ArrayList<>();

  @Option(names = "--settings", paramLabel = "FILE",
      description = "A .properties or .yml file of proposed settings (winback.policy.*, as in application.yml); --set wins")
  Path settingsFile;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Write the changed cases here: customerId, cancellation event id, each side's channel, goal, rules")
  Path csv;

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PolicySettings before = PolicyBinding.today();
    PolicySettings after = PolicyBinding.bind(proposed());
    TrustedPackages.install();
    try (Admin admin = kafka.admin()) {
      kafka.requireReachable(admin, Duration.ofSeconds(10));
    }
    Instant now = Instant.now();
    Instant from = since == null ? null : now.minus(since);
    PastRecords topics = new PastRecords(kafka);
    PastRecords.Cancellations cancellations = topics.cancellations(from);
    Set<String> customers = cancellations.records().stream()
        .map(PastCancellation::event).map(CancellationEvent::getCustomerId).collect(Collectors.toSet());
    CrmSnapshot crm = topics.relationships(customers);

    Map<String, Instant> doNotContact = topics.doNotContactRecorded(customers);

    ReplayResult result = new Replay(new ChannelPolicy(before), new ChannelPolicy(after))
        .run(cancellations.records(), crm, doNotContact, cancellations.undecodable());

    List<String> notes = new ArrayList<>();
    if (crm.undecodable() > 0) {
      notes.add("note: " + crm.undecodable() + " unreadable CRM record(s) ignored; as in the processor, the"
          + " customer's previous record counts");
    }
    if (csv != null) {
      writeCsv(result);
      notes.add("wrote " + result.changed().size() + " changed case(s) to " + csv);
    }
    PrintWriter out = spec.commandLine().getOut();
    ReplayReport.render(result, period(from), before, after, notes).forEach(out::println);
    out.flush();
    return 0;
  }

  private String period(Instant from) {
    if (from == null) {
      return "on " + Topics.CANCELLATIONS.name();
    }
    return "published in the last " + spec.findOption("--since").originalStringValues().get(0) + " (since " + from
        + ")";
  }

  /** The settings file first, then each --set in order: a later one of the same key wins. */
  private List<ProposedSetting> proposed() {
    List<ProposedSetting> proposed = new ArrayList<>();
    if (settingsFile != null) {
      proposed.addAll(SettingsFile.read(settingsFile));
    }
    sets.forEach(assignment -> proposed.add(ProposedSetting.fromOption(assignment)));
    return proposed;
  }

  private void writeCsv(ReplayResult result) {
    try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      ChangedCasesCsv.write(result.changed(), writer);
    } catch (IOException e) {
      throw new CommandFailure("cannot write " + csv + ": " + e.getMessage());
    }
  }

  /** Durations as the configuration takes them (30d, 12h) or in ISO-8601 (P30D); positive only. */
  static final class SinceConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration;
      try {
        duration = DurationStyle.detectAndParse(value.strip());
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 30d, 12h, P14D)");
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
      }
      return duration;
    }
  }
}
