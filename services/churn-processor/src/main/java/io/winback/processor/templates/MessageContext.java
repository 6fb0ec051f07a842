package io.winback.processor.templates;

import io.winback.events.CancellationReason;
import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Language;
import io.winback.events.Salutation;
import java.time.LocalDate;

/**
 * Everything a template may use. No customer data beyond what the message needs.
 *
 * @param senderName  the account manager's name, or null: then the message is signed by the team
 *                    and speaks as "wir"/"we"
 * @param product     e.g. "Glasfaser 250"
 * @param effectiveAt contract end, rendered in the language's date format
 *                    (de: 31.01.2027, en: 31 January 2027)
 * @param reason      may be UNKNOWN
 * @param attempt     1 first outreach, 2 follow-up (the wording then refers gently to the earlier
 *                    message, without pressing)
 */
public record MessageContext(
    Channel channel,
    Goal goal,
    Language language,
    Salutation salutation,
    String firstName,
    String lastName,
    String senderName,
    String product,
    LocalDate effectiveAt,
    CancellationReason reason,
    int attempt) {}
