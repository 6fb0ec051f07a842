package io.winback.desk.it;

import io.winback.desk.ProcessorProcess;
import io.winback.desk.TestKeys;
import io.winback.desk.web.TestTasks;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.ContactResponse;
import io.winback.events.CustomerRelationship;
import io.winback.events.Language;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.Salutation;
import io.winback.events.Tier;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The world around the desk in its integration tests: the CRM's records and the processor's tasks,
 * published on a real broker the way those services publish them, and what the desk published back.
 */
final class DeskWorld {

  private final String bootstrap;
  private final TestKeys keys = new TestKeys();

  DeskWorld(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** The processor's keys of the customers (see {@link #publishSealedTasks}). */
  TestKeys keys() {
    return keys;
  }

  /** A customer of the CRM who consents to email and phone, in a zone where it is not Sunday. */
  static CustomerRelationship.Builder customer(String customerId) {
    return CustomerRelationship.newBuilder()
        .setCustomerId(customerId).setSalutation(Salutation.MS).setFirstName("Anna").setLastName("Schmidt")
        .setLanguage(Language.de).setTimezone(ProcessorProcess.weekdayZone())
        .setEmail(customerId.toLowerCase() + "@example.org").setPhone("+4930123456").setPostalAddress(null)
        .setConsent(Consent.newBuilder().setEmail(true).setPhone(true).setLetter(false).setWhatsapp(false)
            .setVisit(false).build())
        .setDoNotContact(false).setCustomerSince(LocalDate.parse("2019-04-01")).setTier(Tier.STANDARD)
        .setOpenComplexTopics(0).setPersonalContactResponse(ContactResponse.NEUTRAL).setAccountManager(null);
  }

  /** A task of the processor for the customer, created now, due at {@code dueAt}. */
  static OutreachTask.Builder task(String taskId, String customerId, Channel channel, Instant dueAt) {
    return TestTasks.task(taskId, channel, dueAt)
        .setCustomerId(customerId)
        .setCaseId("case-" + taskId)
        .setCreatedAt(Instant.now())
        .setContact(io.winback.events.Contact.newBuilder(TestTasks.contact("Anna Schmidt"))
            .setEmail(customerId.toLowerCase() + "@example.org").build());
  }

  void publishCustomers(List<CustomerRelationship> customers) {
    TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.RELATIONSHIPS.valueSerde().serializer(),
        customers.stream().map(customer -> new ProducerRecord<>(Topics.RELATIONSHIPS.name(),
            customer.getCustomerId(), customer)).toList());
  }

  /** A CRM tombstone: the customer is erased. */
  void eraseCustomer(String customerId) {
    TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.RELATIONSHIPS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), customerId, (CustomerRelationship) null)));
  }

  /** Each task on the topic of its channel family, keyed by its customer as the processor writes it. */
  void publishTasks(List<OutreachTask> tasks) {
    for (OutreachTask task : tasks) {
      TopicSpec<String, OutreachTask> topic = switch (task.getChannel()) {
        case PHONE -> Topics.TASKS_PHONE;
        case IN_PERSON -> Topics.TASKS_IN_PERSON;
        default -> Topics.TASKS_WRITTEN;
      };
      TestProducers.sendAll(bootstrap, new StringSerializer(), topic.valueSerde().serializer(),
          List.of(new ProducerRecord<>(topic.name(), task.getCustomerId(), task)));
    }
  }

  /**
   * As the processor writes them now: each customer's key on winback.keys.v1, and the tasks with
   * their personal fields sealed with it.
   */
  void publishSealedTasks(List<OutreachTask> tasks) {
    keys.publish(bootstrap, tasks.stream().map(OutreachTask::getCustomerId).distinct().toArray(String[]::new));
    publishTasks(tasks.stream().map(keys::seal).toList());
  }

  /** Everything on outreach.feedback.v1 now, read committed. */
  List<OutreachFeedback> feedback() {
    return TestConsumers.readToEnd(bootstrap, Topics.FEEDBACK.name(), new StringDeserializer(),
        Topics.FEEDBACK.valueSerde().deserializer()).stream().map(ConsumerRecord::value).toList();
  }

  /** Everything on winback.dlq.v1 now. */
  List<ConsumerRecord<byte[], byte[]>> deadLetters() {
    return TestConsumers.readToEnd(bootstrap, Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }
}
