package io.winback.processor.topology;

import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.processor.Events;
import io.winback.processor.PersonalData;
import io.winback.processor.cases.CaseIds;
import io.winback.schemas.privacy.FeedbackSeals;
import io.winback.schemas.privacy.Opened;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.serde.AvroSerde;
import io.winback.events.WinbackCase;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a task carries of its customer, contact data, the message with their name and what they
 * wrote when they cancelled, is sealed with the customer's key: on the topic it reads as nothing,
 * opened with the key from winback.keys.v1 it is all there.
 */
class SealedTasksTest {

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING);

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void anEmailOnItsTopicHoldsNoPersonalDataInTheClearAndOpensWithTheCustomersKey() {
    assertSealedOnItsTopic(PersonalData.customer("C-1").setConsent(new Consent(true, false, false, false, false)),
        app.written::readBytesToList, Channel.EMAIL, task -> task.getContact().getEmail());
  }

  @Test
  void aLetterOnItsTopicHoldsNoPersonalDataInTheClearAndOpensWithTheCustomersKey() {
    assertSealedOnItsTopic(PersonalData.customer("C-1").setConsent(new Consent(false, false, true, false, false)),
        app.written::readBytesToList, Channel.LETTER, task -> task.getContact().getPostalAddress().getStreet());
  }

  @Test
  void aCallOnItsTopicHoldsNoPersonalDataInTheClearAndOpensWithTheCustomersKey() {
    assertSealedOnItsTopic(PersonalData.customer("C-1").setPersonalContactResponse(ContactResponse.POSITIVE),
        app.phone::readBytesToList, Channel.PHONE, task -> task.getContact().getPhone());
  }

  @Test
  void aVisitOnItsTopicHoldsNoPersonalDataInTheClearAndOpensWithTheCustomersKey() {
    assertSealedOnItsTopic(PersonalData.visited("C-1"), app.inPerson::readBytesToList, Channel.IN_PERSON,
        task -> task.getContact().getPhone() + " " + task.getContact().getEmail() + " "
            + task.getContact().getPostalAddress().getCity());
  }

  private void assertSealedOnItsTopic(CustomerRelationship.Builder customer,
      java.util.function.Supplier<List<byte[]>> topic, Channel channel, Function<OutreachTask, String> contactData) {
    app.send(customer.build());
    app.send(PersonalData.cancellation("C-1", app.now()).build());

    byte[] bytes = topic.get().get(0);
    assertThat(PersonalData.foundIn(bytes)).as("personal data in the clear on the topic").isEmpty();
    OutreachTask sealed = AvroSerde.of(OutreachTask.class).deserializer().deserialize(null, bytes);
    assertThat(sealed.getChannel()).isEqualTo(channel);
    assertThat(sealed.getSealed()).isNotNull();
    assertThat(sealed.getContact()).isNull();
    assertThat(sealed.getSubject()).isNull();
    assertThat(sealed.getMessage()).isEmpty();
    assertThat(sealed.getContext().getReasonText()).isNull();
    assertThat(sealed.getRationale()).as("why this channel stays readable").isNotEmpty();
    assertThat(sealed.getContext().getProduct()).isEqualTo("Glasfaser 250");

    Opened<OutreachTask> opened = TaskSeals.open(sealed, app.keyRing());
    assertThat(opened.access()).isEqualTo(Opened.Access.OPENED);
    OutreachTask task = opened.value();
    assertThat(task.getMessage()).contains(PersonalData.LAST_NAME);
    assertThat(task.getContact().getLastName()).isEqualTo(PersonalData.LAST_NAME);
    assertThat(contactData.apply(task)).contains(switch (channel) {
      case EMAIL -> PersonalData.EMAIL;
      case LETTER -> PersonalData.STREET;
      case PHONE, WHATSAPP -> PersonalData.PHONE;
      case IN_PERSON -> PersonalData.CITY;
    });
    assertThat(task.getContext().getReasonText()).isEqualTo(PersonalData.REASON_TEXT);
  }

  @Test
  void feedbackTheDeskSealedIsAppliedAndNothingOfItsTextIsStored() {
    app.send(PersonalData.customer("C-1").setConsent(new Consent(true, false, false, false, false)).build());
    CancellationEvent event = PersonalData.cancellation("C-1", app.now()).build();
    app.send(event);
    OutreachTask task = app.written.readValuesToList().get(0);
    OutreachFeedback said = OutreachFeedback.newBuilder(Events.feedback(CaseIds.caseId(event.getEventId()),
            task.getTaskId(), "C-1", Channel.EMAIL, Outcome.FEEDBACK_RECEIVED, app.now()))
        .setFeedbackText(PersonalData.FEEDBACK_TEXT).setMeetingPlace(PersonalData.MEETING_PLACE).build();

    app.send(FeedbackSeals.seal(said, app.keyRing().key("C-1").orElseThrow()));

    WinbackCase closed = app.latestCase(CaseIds.caseId(event.getEventId()));
    assertThat(closed.getOutcomes()).singleElement()
        .satisfies(outcome -> assertThat(outcome.getOutcome()).isEqualTo(Outcome.FEEDBACK_RECEIVED));
    byte[] stored = new CaseFileSerde().encode(app.caseFile(closed.getCaseId()));
    assertThat(PersonalData.foundIn(stored)).as("what the case file holds").doesNotContain(
        PersonalData.FEEDBACK_TEXT, PersonalData.MEETING_PLACE);
    assertThat(app.deadLetters.isEmpty()).isTrue();
  }
}
