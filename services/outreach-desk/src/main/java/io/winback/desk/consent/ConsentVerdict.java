package io.winback.desk.consent;

/**
 * Whether the desk may contact a customer on a channel right now, and if not, why. Fails closed:
 * only {@link Kind#ALLOWED} lets anyone act.
 */
public record ConsentVerdict(Kind kind, String reason) {

  public enum Kind {
    /** The desk holds the customer's current CRM data and it allows the channel now. */
    ALLOWED,
    /** The CRM's data says no: withdrawn consent, do-not-contact, or the customer was erased. */
    REFUSED,
    /** Not known yet: no CRM data for the customer, or the desk's copy of the CRM is not current. */
    NOT_YET_KNOWN
  }

  /** Reasons, as they appear on the task and on the SUPPRESSED feedback; never personal data. */
  public static final String NO_CONSENT_DATA = "no consent data";
  public static final String ERASED = "the customer's data was erased";
  public static final String DO_NOT_CONTACT = "the customer asked not to be contacted";
  public static final String CRM_NOT_CURRENT = "the desk's copy of the CRM data is not current";

  static final ConsentVerdict ALLOWED = new ConsentVerdict(Kind.ALLOWED, null);

  public static String noConsentFor(io.winback.events.Channel channel) {
    return "no consent for " + channel;
  }

  public boolean allowed() {
    return kind == Kind.ALLOWED;
  }

  public boolean refused() {
    return kind == Kind.REFUSED;
  }
}
