package io.winback.processor.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void leadingDoubledAndTrailingBlankLinesGoTrailingSpacesToo() {
    assertThat(PlainText.tidy("\n  \nGuten Tag,  \n\n\n\nschön, dass \t\nSie da sind.\n\n  \n"))
        .isEqualTo("Guten Tag,\n\nschön, dass\nSie da sind.");
  }

  @Test
  void windowsLineEndsBecomeNewlines() {
    assertThat(PlainText.tidy("Hello,\r\n\r\n\r\nthank you.\r\n")).isEqualTo("Hello,\n\nthank you.");
  }

  @Test
  void textWithNothingToTidyStaysAsItIs() {
    assertThat(PlainText.tidy("One line")).isEqualTo("One line");
    assertThat(PlainText.tidy("")).isEmpty();
    assertThat(PlainText.tidy("\n\n")).isEmpty();
  }
}
