package io.winback.testsupport.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void aCustomersEmailPhoneNameOrStreetIsFoundAndMasked() {
    assertThat(PersonalData.in("sent to anna.schmidt@example.org")).containsExactly("an email address (an***g)");
    assertThat(PersonalData.in("calling +49 30 1234567")).containsExactly("a phone number (+4***7)");
    assertThat(PersonalData.in("Liebe Frau Schmidt, ...")).hasSize(1);
    assertThat(PersonalData.in("Hauptstr. 1, 10115 Berlin")).hasSize(1);
  }

  @Test
  void winbacksOwnAddressesAndIdsAreNoCustomersData() {
    assertThat(PersonalData.in("Message-ID <task-1@winback.local> from kundenservice@winback.example")).isEmpty();
    assertThat(PersonalData.in("task t-1 of case case-1 sent; customer C-1001")).isEmpty();
    assertThat(PersonalData.in("agent@winback.test logged in")).isEmpty();
  }

  @Test
  void aTestCanNameItsOwnCustomers() {
    PersonalData.fixture("Zacharias Quellmalz");
    assertThat(PersonalData.in("case of Zacharias Quellmalz")).hasSize(1);
  }
}
