package io.winback.processor.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Language;
import io.winback.events.Salutation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SalutationLineTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "de | MR   | Lieber Herr Müller,",
      "de | MS   | Liebe Frau Müller,",
      "de | NONE | Guten Tag Max Müller,",
      "en | MR   | Dear Mr Müller,",
      "en | MS   | Dear Ms Müller,",
      "en | NONE | Dear Max Müller,"
  })
  void addressesTheCustomerExactlyAsAgreed(Language language, Salutation salutation, String line) {
    assertThat(MessageTemplates.salutationLine(language, salutation, "Max", "Müller"))
        .isEqualTo(line);
  }

  // A record without a last name must still greet politely and never print "Herr null".
  @Test
  void fallsBackToANeutralGreetingWhenTheNeededNameIsMissing() {
    assertThat(MessageTemplates.salutationLine(Language.de, Salutation.MR, "Max", null))
        .isEqualTo("Guten Tag,");
    assertThat(MessageTemplates.salutationLine(Language.de, Salutation.NONE, null, "Müller"))
        .isEqualTo("Guten Tag Müller,");
    assertThat(MessageTemplates.salutationLine(Language.de, Salutation.MS, null, " "))
        .isEqualTo("Guten Tag,");
    assertThat(MessageTemplates.salutationLine(Language.en, null, null, null))
        .isEqualTo("Hello,");
  }
}
