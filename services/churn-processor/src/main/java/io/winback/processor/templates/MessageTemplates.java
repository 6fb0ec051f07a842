package io.winback.processor.templates;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.winback.events.Language;
import io.winback.events.Salutation;
import java.io.FileNotFoundException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders outreach messages and agent scripts from Mustache files below classpath:/templates/.
 *
 * <p>Layout (see {@link TemplateNames}): {@code <channel>/<goal>.<language>.mustache} is the text,
 * {@code <channel>/<goal>.subject.<language>.mustache} the subject of EMAIL and LETTER;
 * {@code partials/} holds shared customer-facing text, {@code guidance/} shared agent guidance.
 * Wording lives in the files so it can be reviewed and changed without touching code.
 *
 * <p>Thread-safe: templates are read and compiled once, rendering keeps no state.
 */
public final class MessageTemplates {

  private static final String FOLDER = "templates";

  private final Map<String, String> rawTemplates;
  private final Map<String, Template> compiledTemplates = new TreeMap<>();

  /** Loads every template from classpath:/templates/ once and compiles it. */
  public MessageTemplates() {
    this(ClasspathTemplates.read(MessageTemplates.class.getClassLoader(), FOLDER));
  }

  /**
   * For tests: each file's name below the templates folder, e.g. "email/win_back.de.mustache",
   * to its text.
   */
  MessageTemplates(Map<String, String> rawTemplates) {
    if (rawTemplates.isEmpty()) {
      throw new IllegalStateException("No message templates under classpath:/" + FOLDER + "/");
    }
    this.rawTemplates = new TreeMap<>(rawTemplates);
    requireIncludedPartials();
    // Strict: a misspelt variable or section fails in tests instead of leaving a gap in a letter.
    Mustache.Compiler compiler = Mustache.compiler()
        .escapeHTML(false)
        .strictSections(true)
        .emptyStringIsFalse(true)
        .withLoader(this::partial);
    this.rawTemplates.forEach(
        (name, text) -> compiledTemplates.put(name, compile(compiler, name, text)));
  }

  public RenderedMessage render(MessageContext context) {
    if (context.channel() == null || context.goal() == null) {
      throw new IllegalArgumentException("A message needs a channel and a goal");
    }
    if (context.attempt() < 1) {
      throw new IllegalArgumentException("attempt starts at 1, was " + context.attempt());
    }
    Language language = context.language() == null ? Language.de : context.language();
    Map<String, Object> data = TemplateData.of(context, language);

    String text = PlainText.tidy(
        execute(TemplateNames.text(context.channel(), context.goal(), language), data));
    String subject = TemplateNames.hasSubject(context.channel())
        ? PlainText.tidy(
            execute(TemplateNames.subject(context.channel(), context.goal(), language), data))
        : null;
    return new RenderedMessage(subject, text);
  }

  /**
   * "Lieber Herr Müller," / "Liebe Frau Müller," / "Guten Tag Max Müller,"; in English
   * "Dear Mr Smith," / "Dear Ms Smith," / "Dear Jane Smith,". Without the needed name it falls
   * back to "Guten Tag," / "Hello,".
   */
  public static String salutationLine(
      Language language, Salutation salutation, String firstName, String lastName) {
    return Addressing.salutationLine(language, salutation, firstName, lastName);
  }

  /** Every template file, e.g. "email/win_back.de.mustache", sorted. */
  public List<String> templateNames() {
    return List.copyOf(rawTemplates.keySet());
  }

  /** The raw text of a template file as named by {@link #templateNames()}. */
  public String rawTemplate(String name) {
    String text = rawTemplates.get(name);
    if (text == null) {
      throw new IllegalArgumentException("No message template " + describe(name));
    }
    return text;
  }

  private String execute(String name, Map<String, Object> data) {
    Template template = compiledTemplates.get(name);
    if (template == null) {
      throw new IllegalArgumentException("Missing message template " + describe(name));
    }
    try {
      return template.execute(data);
    } catch (MustacheException e) {
      throw new IllegalStateException("Cannot render message template " + describe(name), e);
    }
  }

  private static Template compile(Mustache.Compiler compiler, String name, String text) {
    try {
      return compiler.compile(text);
    } catch (MustacheException e) {
      throw new IllegalStateException("Cannot compile message template " + describe(name), e);
    }
  }

  private Reader partial(String name) throws FileNotFoundException {
    String text = rawTemplates.get(TemplateNames.partial(name));
    if (text == null) {
      throw new FileNotFoundException(describe(TemplateNames.partial(name)));
    }
    return new StringReader(text);
  }

  // JMustache loads partials only when a template first runs; checking up front means a
  // missing partial stops the service at start-up rather than at the first customer.
  private void requireIncludedPartials() {
    rawTemplates.forEach((name, text) -> {
      for (String partial : TemplateNames.includedBy(text)) {
        if (!rawTemplates.containsKey(partial)) {
          throw new IllegalStateException(
              "Message template " + describe(name) + " includes missing " + describe(partial));
        }
      }
    });
  }

  private static String describe(String name) {
    return "classpath:/" + FOLDER + "/" + name;
  }
}
