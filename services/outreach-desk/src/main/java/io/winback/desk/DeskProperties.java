package io.winback.desk;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The desk's settings (winback.desk.*).
 *
 * @param mailFrom the sender of every email
 * @param sendInterval how often due emails are looked for
 * @param retryInitial first wait after a temporary SMTP failure; doubles up to {@code retryMax}
 * @param retryMax longest wait between two attempts
 * @param giveUpAfter how long after its first attempt an email is retried; then DELIVERY_FAILED
 * @param consentWait how long a task waits for the customer's CRM data; then SUPPRESSED ("no consent data")
 * @param consentMaxStaleness the desk's copy of the customer's CRM partition must have been complete
 *     this recently before anyone acts on a task: a consent withdrawal older than this is always seen
 * @param relayInterval how often the outbox is published when nobody asks sooner
 * @param relaySendTimeout how long the relay waits for the broker's acknowledgement
 * @param outboxRetention how long published outcomes stay in the outbox (for support; then removed)
 * @param maxTextLength the longest free text an agent may record
 * @param displayZone the zone due dates and meeting times are shown and entered in, and the quiet-hours
 *     zone of a customer whose CRM record names none
 * @param keyWait how long after a task was created (or an outcome recorded) the desk's key ring,
 *     complete since, must still not know the customer's key before the desk concludes there is none:
 *     a sealed task then cannot be sent (DELIVERY_FAILED), an outcome's free text is left out
 * @param embeddedSmtp run the local SMTP sink (the embedded setup only; see application-embedded.yml)
 * @param embeddedSmtpPort the sink's port
 */
@ConfigurationProperties("winback.desk")
public record DeskProperties(
    @DefaultValue("Winback Kundenservice <kundenservice@winback.example>") String mailFrom,
    @DefaultValue("2s") Duration sendInterval,
    @DefaultValue("2s") Duration retryInitial,
    @DefaultValue("5m") Duration retryMax,
    @DefaultValue("24h") Duration giveUpAfter,
    @DefaultValue("15m") Duration consentWait,
    @DefaultValue("30s") Duration consentMaxStaleness,
    @DefaultValue("500ms") Duration relayInterval,
    @DefaultValue("10s") Duration relaySendTimeout,
    @DefaultValue("7d") Duration outboxRetention,
    @DefaultValue("2000") int maxTextLength,
    @DefaultValue("Europe/Berlin") ZoneId displayZone,
    @DefaultValue("30s") Duration keyWait,
    @DefaultValue("false") boolean embeddedSmtp,
    @DefaultValue("3025") int embeddedSmtpPort) {}
