package io.winback.processor.topology;

import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.AccountManager;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.processor.PersonalData;
import io.winback.processor.privacy.RelationshipMinimisation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relationships store holds the CRM record as the minimisation leaves it, never the whole record. */
class MinimisedRelationshipTest {

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void theStoreKeepsOnlyWhatThePolicyAndTemplatesUse() {
    CustomerRelationship crm = PersonalData.customer("C-1").setConsent(new Consent(true, false, false, false, false))
        .setAccountManager(new AccountManager("am-1", "Jonas Weber", "jonas@example.com", "+4930999888")).build();

    app.send(crm);

    CustomerRelationship stored = app.driver.<String, CustomerRelationship>getKeyValueStore(StoreNames.RELATIONSHIPS)
        .get("C-1");
    assertThat(stored).isEqualTo(RelationshipMinimisation.minimise(crm));
    assertThat(stored.getEmail()).isEqualTo(PersonalData.EMAIL);
    assertThat(stored.getPhone()).as("no consent for calls, WhatsApp or visits").isNull();
    assertThat(stored.getPostalAddress()).as("no consent for letters or visits").isNull();
    assertThat(stored.getAccountManager().getPhone()).isNull();
    assertThat(app.drainAllWrittenBytes().get("churn-test-relationships-changelog")).as("the changelog's copy")
        .isNotEmpty().allSatisfy(bytes -> assertThat(PersonalData.foundIn(bytes))
            .doesNotContain(PersonalData.PHONE, PersonalData.STREET, PersonalData.CITY));
  }
}
