package io.winback.desk.consent;

import io.winback.desk.db.Timestamps;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The desk's copy of the CRM facts it needs before any contact (table customer), and the two the
 * reports group by (tier, the account manager's id).
 */
@Repository
public class CustomerRepository {

  private final JdbcClient db;

  public CustomerRepository(JdbcClient db) {
    this.db = db;
  }

  public void save(CustomerRelationship relationship, Instant now) {
    Consent consent = relationship.getConsent();
    db.sql("""
        INSERT INTO customer (customer_id, consent_email, consent_phone, consent_letter, consent_whatsapp,
          consent_visit, do_not_contact, timezone, tier, account_manager_id, erased, updated_at)
        VALUES (:id, :email, :phone, :letter, :whatsapp, :visit, :dnc, :tz, :tier, :accountManager, FALSE, :now)
        ON CONFLICT (customer_id) DO UPDATE SET consent_email = EXCLUDED.consent_email,
          consent_phone = EXCLUDED.consent_phone, consent_letter = EXCLUDED.consent_letter,
          consent_whatsapp = EXCLUDED.consent_whatsapp, consent_visit = EXCLUDED.consent_visit,
          do_not_contact = EXCLUDED.do_not_contact, timezone = EXCLUDED.timezone, tier = EXCLUDED.tier,
          account_manager_id = EXCLUDED.account_manager_id, erased = FALSE, updated_at = EXCLUDED.updated_at
        """)
        .param("id", relationship.getCustomerId())
        .param("email", consent.getEmail()).param("phone", consent.getPhone())
        .param("letter", consent.getLetter()).param("whatsapp", consent.getWhatsapp())
        .param("visit", consent.getVisit()).param("dnc", relationship.getDoNotContact())
        .param("tz", relationship.getTimezone())
        .param("tier", relationship.getTier() == null ? null : relationship.getTier().name())
        .param("accountManager", relationship.getAccountManager() == null ? null : relationship.getAccountManager().getId())
        .param("now", Timestamps.of(now)).update();
  }

  /** The CRM erased the customer: kept as a row that refuses every channel, without any data. */
  public void erase(String customerId, Instant now) {
    db.sql("""
        INSERT INTO customer (customer_id, consent_email, consent_phone, consent_letter, consent_whatsapp,
          consent_visit, do_not_contact, timezone, erased, updated_at)
        VALUES (:id, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, NULL, TRUE, :now)
        ON CONFLICT (customer_id) DO UPDATE SET consent_email = FALSE, consent_phone = FALSE,
          consent_letter = FALSE, consent_whatsapp = FALSE, consent_visit = FALSE, do_not_contact = TRUE,
          timezone = NULL, tier = NULL, account_manager_id = NULL, erased = TRUE, updated_at = EXCLUDED.updated_at
        """).param("id", customerId).param("now", Timestamps.of(now)).update();
  }

  public Optional<CustomerRecord> find(String customerId) {
    return db.sql("SELECT * FROM customer WHERE customer_id = :id").param("id", customerId)
        .query(CustomerRepository::record).optional();
  }

  private static CustomerRecord record(ResultSet rs, int row) throws SQLException {
    Consent consent = Consent.newBuilder()
        .setEmail(rs.getBoolean("consent_email")).setPhone(rs.getBoolean("consent_phone"))
        .setLetter(rs.getBoolean("consent_letter")).setWhatsapp(rs.getBoolean("consent_whatsapp"))
        .setVisit(rs.getBoolean("consent_visit")).build();
    return new CustomerRecord(rs.getString("customer_id"), consent, rs.getBoolean("do_not_contact"),
        rs.getString("timezone"), rs.getBoolean("erased"), Timestamps.read(rs, "updated_at"), rs.getString("tier"),
        rs.getString("account_manager_id"));
  }
}
