package io.winback.processor.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.AccountManager;
import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Tier;
import io.winback.processor.Events;
import io.winback.policy.Attempt;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.ContactHistory;
import io.winback.policy.Decision;
import io.winback.policy.PolicySettings;
import io.winback.processor.tasks.TaskFactory;
import io.winback.processor.templates.MessageTemplates;
import java.beans.Introspector;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;

/**
 * The processor keeps of a CRM record exactly what its policy, templates and tasks read. The real
 * policy and task factory run on records whose reads are recorded (Mockito spies of the real
 * records, used as a recorder, not in place of anything), over customers that between them take
 * every path; a field kept that none of them reads fails the test, and so does one they read that
 * is not kept.
 */
class RelationshipMinimisationTest {

  static final Instant NOW = Instant.parse("2026-11-11T09:00:00Z");
  static final Attempt FIRST = Attempt.first(new ContactHistory(false, EnumSet.noneOf(Channel.class)));
  final ChannelPolicy policy = new ChannelPolicy(PolicySettings.defaults());
  final TaskFactory tasks = new TaskFactory(new MessageTemplates(), PolicySettings.defaults().version());
  final CancellationEvent cancellation = Events.cancellation("C-1", NOW.minusSeconds(3600)).build();

  /** Customers that between them make the policy choose every channel and read every rule's input. */
  List<CustomerRelationship> everyPath() {
    CustomerRelationship.Builder all = Events.customer("C-1").setConsent(new Consent(true, true, true, true, true))
        .setAccountManager(new AccountManager("am-1", "Jonas Weber", "jonas@example.com", "+4930999"));
    return List.of(
        all.build(), // short-standing, neutral: email, signed and answered by the account manager
        CustomerRelationship.newBuilder(all.build()).setCustomerSince(LocalDate.parse("2012-01-01")).build(),
        CustomerRelationship.newBuilder(all.build()).setOpenComplexTopics(2).build(),
        CustomerRelationship.newBuilder(all.build()).setTier(Tier.KEY_ACCOUNT).build(),
        CustomerRelationship.newBuilder(all.build()).setPersonalContactResponse(ContactResponse.POSITIVE).build(),
        CustomerRelationship.newBuilder(all.build()).setConsent(new Consent(false, false, true, false, false)).build(),
        CustomerRelationship.newBuilder(all.build()).setConsent(new Consent(false, false, false, true, false)).build(),
        CustomerRelationship.newBuilder(all.build()).setDoNotContact(true).build());
  }

  @Test
  void everyFieldKeptIsReadByThePolicyTheTemplatesOrTheTasksAndEveryFieldReadIsKept() {
    Set<String> read = new TreeSet<>();
    Set<String> readOfManager = new TreeSet<>();
    for (CustomerRelationship crm : everyPath()) {
      CustomerRelationship kept = RelationshipMinimisation.minimise(crm);
      AccountManager manager = Mockito.spy(kept.getAccountManager());
      CustomerRelationship customer = Mockito.spy(CustomerRelationship.newBuilder(kept).build());
      Mockito.doReturn(manager).when(customer).getAccountManager();
      Mockito.clearInvocations(customer);

      if (policy.decide(cancellation, customer, FIRST, NOW) instanceof Decision.Contact contact) {
        tasks.create("case-1", cancellation, customer, contact, 1, NOW);
      }
      read.addAll(getters(customer));
      readOfManager.addAll(getters(manager));
    }

    Set<String> kept = new TreeSet<>(RelationshipMinimisation.KEPT.keySet());
    kept.remove("customerId"); // the store's key and a required field: kept, though the record's copy is not read
    assertThat(read).as("fields the policy, templates and tasks read").isEqualTo(kept);
    assertThat(readOfManager).as("fields of the account manager they read")
        .isEqualTo(new TreeSet<>(RelationshipMinimisation.KEPT_OF_ACCOUNT_MANAGER.keySet()));
  }

  @Test
  void theListNamesRealFieldsAndAFieldNotOnItKeepsItsDefault() {
    Schema schema = CustomerRelationship.getClassSchema();
    CustomerRelationship crm = everyPath().get(0);
    CustomerRelationship kept = RelationshipMinimisation.minimise(crm);
    List<String> names = schema.getFields().stream().map(Schema.Field::name).toList();

    assertThat(names).containsAll(RelationshipMinimisation.KEPT.keySet());
    SpecificData avro = SpecificData.getForClass(CustomerRelationship.class);
    for (Schema.Field field : schema.getFields()) {
      if (!RelationshipMinimisation.KEPT.containsKey(field.name())) {
        assertThat(kept.get(field.pos())).as(field.name()).isEqualTo(avro.getDefaultValue(field));
      }
    }
    assertThat(kept.getAccountManager().getPhone()).as("the manager's phone, which nothing uses").isNull();
  }

  @Test
  void contactDataIsKeptOnlyWhereAChannelThatUsesItMayBeUsed() {
    CustomerRelationship.Builder crm = Events.customer("C-1").setAccountManager(Events.manager());

    CustomerRelationship emailOnly = RelationshipMinimisation.minimise(
        crm.setConsent(new Consent(true, false, false, false, false)).build());
    assertThat(emailOnly.getEmail()).isNotNull();
    assertThat(emailOnly.getPhone()).isNull();
    assertThat(emailOnly.getPostalAddress()).isNull();

    CustomerRelationship whatsappAndLetter = RelationshipMinimisation.minimise(
        crm.setConsent(new Consent(false, false, true, true, false)).build());
    assertThat(whatsappAndLetter.getEmail()).isNull();
    assertThat(whatsappAndLetter.getPhone()).isNotNull();
    assertThat(whatsappAndLetter.getPostalAddress()).isNotNull();

    CustomerRelationship visits = RelationshipMinimisation.minimise(
        crm.setConsent(new Consent(false, false, false, false, true)).build());
    assertThat(List.of(visits.getEmail(), visits.getPhone(), visits.getPostalAddress().getCity()))
        .as("a visit's task carries all three").doesNotContainNull();

    CustomerRelationship none = RelationshipMinimisation.minimise(
        crm.setConsent(new Consent(false, false, false, false, false)).build());
    assertThat(none.getEmail()).isNull();
    assertThat(none.getPhone()).isNull();
    assertThat(none.getPostalAddress()).isNull();
    assertThat(none.getLastName()).as("the name: a case may still need it once consent is given").isNotNull();
  }

  @Test
  void theMinimisedRecordGetsTheSameDecisionAndTheSameTaskAsTheWholeOne() {
    List<String> compared = new ArrayList<>();
    for (int consents = 0; consents < 32; consents++) {
      Consent consent = new Consent((consents & 1) != 0, (consents & 2) != 0, (consents & 4) != 0,
          (consents & 8) != 0, (consents & 16) != 0);
      for (ContactResponse response : ContactResponse.values()) {
        for (boolean longStanding : List.of(false, true)) {
          for (AccountManager manager : Arrays.asList(null, Events.manager())) {
            CustomerRelationship crm = Events.customer("C-1").setConsent(consent).setPersonalContactResponse(response)
                .setCustomerSince(LocalDate.parse(longStanding ? "2012-01-01" : "2024-01-15"))
                .setAccountManager(manager).build();
            CustomerRelationship kept = RelationshipMinimisation.minimise(crm);
            Decision whole = policy.decide(cancellation, crm, FIRST, NOW);
            assertThat(policy.decide(cancellation, kept, FIRST, NOW)).as(crm.toString()).isEqualTo(whole);
            if (whole instanceof Decision.Contact contact) {
              assertThat(tasks.create("case-1", cancellation, kept, contact, 1, NOW)).as(crm.toString())
                  .isEqualTo(tasks.create("case-1", cancellation, crm, contact, 1, NOW));
            }
            compared.add(crm.getCustomerId());
          }
        }
      }
    }
    assertThat(compared).hasSize(32 * ContactResponse.values().length * 2 * 2);
  }

  /** The fields whose getters were called on {@code spy}. */
  private static Set<String> getters(Object spy) {
    Set<String> fields = new TreeSet<>();
    for (Invocation invocation : Mockito.mockingDetails(spy).getInvocations()) {
      String method = invocation.getMethod().getName();
      if (method.startsWith("get") && method.length() > 3 && invocation.getArguments().length == 0
          && !Set.of("getSchema", "getSpecificData", "getClassSchema").contains(method)) {
        fields.add(Introspector.decapitalize(method.substring(3)));
      }
    }
    return fields;
  }
}
