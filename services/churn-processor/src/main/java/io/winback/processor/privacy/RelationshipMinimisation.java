package io.winback.processor.privacy;

import io.winback.events.AccountManager;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.rules.ChannelConsent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the processor keeps of a CRM record: the fields its channel policy and its templates read,
 * and nothing else. This is the one list; the relationships store and every decision take the
 * record as {@link #minimise} makes it, so a field the CRM adds later is not kept until someone
 * puts it here (and a test shows that someone reads it).
 *
 * <p>Contact data is kept only where a channel that uses it may be used at all: the email address
 * with consent for email or for visits, the phone number with consent for calls, WhatsApp or
 * visits, the postal address with consent for letters or visits (a visit's task carries all three
 * for the account manager). Without the consent the policy never looks at the data, and a CRM
 * record with new consent brings the data with it.
 */
public final class RelationshipMinimisation {

  /** Every field kept, with who reads it. */
  public static final Map<String, String> KEPT = kept();

  /** Of the account manager: id, name and email; not the manager's phone, which nothing uses. */
  public static final Map<String, String> KEPT_OF_ACCOUNT_MANAGER = Map.of(
      "id", "policy: the assignee of a visit, eligibility of visits",
      "name", "templates: who signs the message",
      "email", "tasks: reply-to of an email");

  private RelationshipMinimisation() {}

  private static Map<String, String> kept() {
    Map<String, String> kept = new LinkedHashMap<>();
    kept.put("customerId", "the store's key; required by the schema");
    kept.put("salutation", "templates: the salutation line; tasks: contact");
    kept.put("firstName", "templates: the salutation line; tasks: contact");
    kept.put("lastName", "templates: the salutation line; tasks: contact");
    kept.put("language", "templates; tasks: language");
    kept.put("timezone", "policy: quiet hours and due dates");
    kept.put("email", "policy: eligibility of email; tasks: contact of an email or a visit");
    kept.put("phone", "policy: eligibility of calls and WhatsApp; tasks: contact of a call, message or visit");
    kept.put("postalAddress", "policy: eligibility of letters; tasks: contact of a letter or a visit");
    kept.put("consent", "policy: eligibility of every channel");
    kept.put("doNotContact", "policy: suppression");
    kept.put("customerSince", "policy: long-standing customers; tasks: case context");
    kept.put("tier", "policy: goal and key accounts; tasks: case context");
    kept.put("openComplexTopics", "policy: visits for open complex topics");
    kept.put("personalContactResponse", "policy: calls after a positive response, none after a negative one");
    kept.put("accountManager", "policy, templates, tasks: see KEPT_OF_ACCOUNT_MANAGER");
    return Collections.unmodifiableMap(kept);
  }

  /** The record as the processor keeps and uses it; null stays null (no CRM data). */
  public static CustomerRelationship minimise(CustomerRelationship crm) {
    if (crm == null) {
      return null;
    }
    Consent consent = crm.getConsent();
    boolean email = ChannelConsent.allows(consent, Channel.EMAIL) || ChannelConsent.allows(consent, Channel.IN_PERSON);
    boolean phone = ChannelConsent.allows(consent, Channel.PHONE) || ChannelConsent.allows(consent, Channel.WHATSAPP)
        || ChannelConsent.allows(consent, Channel.IN_PERSON);
    boolean letter = ChannelConsent.allows(consent, Channel.LETTER)
        || ChannelConsent.allows(consent, Channel.IN_PERSON);
    return CustomerRelationship.newBuilder()
        .setCustomerId(crm.getCustomerId())
        .setSalutation(crm.getSalutation())
        .setFirstName(crm.getFirstName())
        .setLastName(crm.getLastName())
        .setLanguage(crm.getLanguage())
        .setTimezone(crm.getTimezone())
        .setEmail(email ? crm.getEmail() : null)
        .setPhone(phone ? crm.getPhone() : null)
        .setPostalAddress(letter ? crm.getPostalAddress() : null)
        .setConsent(consent)
        .setDoNotContact(crm.getDoNotContact())
        .setCustomerSince(crm.getCustomerSince())
        .setTier(crm.getTier())
        .setOpenComplexTopics(crm.getOpenComplexTopics())
        .setPersonalContactResponse(crm.getPersonalContactResponse())
        .setAccountManager(accountManager(crm.getAccountManager()))
        .build();
  }

  private static AccountManager accountManager(AccountManager manager) {
    return manager == null ? null : AccountManager.newBuilder()
        .setId(manager.getId())
        .setName(manager.getName())
        .setEmail(manager.getEmail())
        .setPhone(null)
        .build();
  }
}
