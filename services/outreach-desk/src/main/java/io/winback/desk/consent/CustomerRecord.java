package io.winback.desk.consent;

import io.winback.events.Consent;
import java.time.Instant;

/**
 * What the desk keeps of a customer's CRM record: the consent flags, do-not-contact and the time
 * zone the quiet hours are counted in; the tier and the account manager's (an employee's) id, which
 * the reports group by. No names, no addresses: those come with each task.
 */
public record CustomerRecord(String customerId, Consent consent, boolean doNotContact, String timezone,
    boolean erased, Instant updatedAt, String tier, String accountManagerId) {}
