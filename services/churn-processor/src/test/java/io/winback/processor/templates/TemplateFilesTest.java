package io.winback.processor.templates;

import static io.winback.processor.templates.TestContexts.TEMPLATES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Language;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set of template files: complete, consistent, and loadable from a directory or a jar. */
class TemplateFilesTest {

  @Test
  void everyChannelGoalAndLanguageHasItsFiles() {
    List<String> names = TEMPLATES.templateNames();
    for (Channel channel : Channel.values()) {
      for (Goal goal : Goal.values()) {
        for (Language language : Language.values()) {
          String base = channel.name().toLowerCase(Locale.ROOT) + "/"
              + goal.name().toLowerCase(Locale.ROOT);
          assertThat(names).contains(base + "." + language + ".mustache");
          if (channel == Channel.EMAIL || channel == Channel.LETTER) {
            assertThat(names).contains(base + ".subject." + language + ".mustache");
          }
        }
      }
    }
  }

  // JMustache swallows the line break after a partial tag that stands alone on its line and
  // keeps the partial's own; a partial tag inside a sentence would break the line there.
  @Test
  void partialsAreIncludedOnLinesOfTheirOwn() {
    for (String name : TEMPLATES.templateNames()) {
      for (String line : TEMPLATES.rawTemplate(name).lines().toList()) {
        if (line.contains("{{>")) {
          assertThat(line).as(name).matches("\\{\\{> [a-z_]+/[a-z_.]+}}");
        }
      }
    }
  }

  // Templates are loaded by name from the entry points; a file nothing reaches is dead wording.
  @Test
  void everyFileInTheTemplatesFolderIsLoaded() throws Exception {
    Path folder = Path.of(getClass().getClassLoader().getResource("templates").toURI());
    try (Stream<Path> files = Files.walk(folder)) {
      List<String> onDisk = files.filter(Files::isRegularFile)
          .map(file -> folder.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
      assertThat(TEMPLATES.templateNames()).containsExactlyElementsOf(onDisk);
    }
  }

  @Test
  void aMissingTemplateIsNamedInTheError() {
    Map<String, String> files = shippedFiles();
    files.remove("phone/feedback.en.mustache");
    MessageTemplates incomplete = new MessageTemplates(files);

    assertThatThrownBy(() -> incomplete.render(TestContexts.english(Channel.PHONE, Goal.FEEDBACK)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phone/feedback.en.mustache");
    assertThat(incomplete.render(TestContexts.german(Channel.PHONE, Goal.FEEDBACK)).text())
        .isNotBlank();
  }

  @Test
  void aMissingSubjectIsNamedInTheError() {
    Map<String, String> files = shippedFiles();
    files.remove("letter/win_back.subject.de.mustache");

    assertThatThrownBy(() -> new MessageTemplates(files)
        .render(TestContexts.german(Channel.LETTER, Goal.WIN_BACK)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letter/win_back.subject.de.mustache");
  }

  @Test
  void aMissingPartialStopsLoadingAtOnce() {
    Map<String, String> files = shippedFiles();
    files.remove("partials/signer.de.mustache");

    assertThatThrownBy(() -> new MessageTemplates(files))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("partials/signer.de.mustache");
  }

  @Test
  void aMisspeltVariableFailsInsteadOfLeavingAGap() {
    Map<String, String> files = shippedFiles();
    files.put("whatsapp/win_back.de.mustache", "{{salutationLine}}\n{{produkt}}\n");
    MessageTemplates misspelt = new MessageTemplates(files);

    assertThatThrownBy(() -> misspelt.render(TestContexts.german(Channel.WHATSAPP, Goal.WIN_BACK)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("whatsapp/win_back.de.mustache");
  }

  @Test
  void anUnknownRawTemplateIsRejected() {
    assertThatThrownBy(() -> TEMPLATES.rawTemplate("email/win_back.fr.mustache"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("email/win_back.fr.mustache");
  }

  @Test
  void anInvalidAttemptIsRejected() {
    MessageContext german = TestContexts.german(Channel.EMAIL, Goal.WIN_BACK);
    MessageContext attemptZero = new MessageContext(german.channel(), german.goal(),
        german.language(), german.salutation(), german.firstName(), german.lastName(),
        german.senderName(), german.product(), german.effectiveAt(), german.reason(), 0);

    assertThatThrownBy(() -> TEMPLATES.render(attemptZero))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt");
  }

  // The packaged service reads its templates from a jar, not from a directory.
  @Test
  void readsTemplatesAndTheirPartialsFromAJarAsUtf8(@TempDir Path folder) throws IOException {
    Path jar = folder.resolve("templates.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      write(out, "templates/email/win_back.de.mustache", "Hallo\n{{> partials/signature.de}}\n");
      write(out, "templates/partials/signature.de.mustache", "Mit besten Grüßen\n");
      write(out, "templates/partials/unused.de.mustache", "nobody includes me\n");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(ClasspathTemplates.read(loader, "templates")).containsExactly(
          Map.entry("email/win_back.de.mustache", "Hallo\n{{> partials/signature.de}}\n"),
          Map.entry("partials/signature.de.mustache", "Mit besten Grüßen\n"));
    }
  }

  private static void write(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> shippedFiles() {
    Map<String, String> files = new HashMap<>();
    TEMPLATES.templateNames().forEach(name -> files.put(name, TEMPLATES.rawTemplate(name)));
    return files;
  }
}
