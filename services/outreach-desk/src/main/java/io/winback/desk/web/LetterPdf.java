package io.winback.desk.web;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.google.zxing.common.BitMatrix;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import io.winback.desk.preferences.QrCodes;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A letter task as a printable A4 PDF, laid out roughly after DIN 5008: the sender line above the
 * address block, the date, the subject in bold, then the text, and last the customer's preference
 * page as a short URL and a QR code. The back office prints it, posts it and records SENT.
 */
final class LetterPdf {

  /** Where the letters go from; the country is named in the address only for other countries. */
  static final String HOME_COUNTRY = "DE";

  private static final Font SENDER = new Font(Font.HELVETICA, 7, Font.UNDERLINE);
  private static final Font BODY = new Font(Font.HELVETICA, 11);
  private static final Font SUBJECT = new Font(Font.HELVETICA, 11, Font.BOLD);

  private LetterPdf() {}

  /** The preference page's address, and the line that introduces it in the letter's language. */
  record PreferenceLink(String line, String url) {}

  /** A QR module in points: ~0.6 mm, readable by any phone camera from a printed page. */
  private static final float QR_MODULE = 1.8f;

  static byte[] render(TaskView task, String sender, LocalDate date, PreferenceLink preferences) {
    Locale language = "en".equals(task.language()) ? Locale.ENGLISH : Locale.GERMAN;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Margins in points: 25 mm left, 20 mm right, 27 mm top (address field), 20 mm bottom.
    Document document = new Document(PageSize.A4, 71, 57, 77, 57);
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      document.addTitle(task.subject() == null ? "Letter" : task.subject());
      document.addCreator("Winback outreach desk");
      document.open();

      document.add(new Paragraph(sender, SENDER));
      Paragraph address = new Paragraph();
      address.setSpacingBefore(6);
      address.setLeading(14);
      for (String line : task.customer().addressLines(language, HOME_COUNTRY)) {
        address.add(new Paragraph(line, BODY));
      }
      document.add(address);

      Paragraph dated = new Paragraph(dateLine(date, language), BODY);
      dated.setAlignment(Element.ALIGN_RIGHT);
      dated.setSpacingBefore(60);
      document.add(dated);

      if (task.subject() != null && !task.subject().isBlank()) {
        Paragraph subject = new Paragraph(task.subject(), SUBJECT);
        subject.setSpacingBefore(24);
        document.add(subject);
      }
      Paragraph text = new Paragraph();
      text.setSpacingBefore(18);
      for (String line : task.message().split("\\R", -1)) {
        Paragraph paragraph = new Paragraph(15, line.isEmpty() ? " " : line, BODY);
        text.add(paragraph);
      }
      document.add(text);

      Paragraph link = new Paragraph(15, preferences.line(), BODY);
      link.setSpacingBefore(24);
      document.add(link);
      Image code = qrCode(writer.getDirectContent(), preferences.url());
      code.setSpacingBefore(6);
      document.add(code);
    } catch (DocumentException e) {
      throw new IllegalStateException("the letter could not be laid out", e);
    } finally {
      if (document.isOpen()) {
        document.close();
      }
    }
    return out.toByteArray();
  }

  /** The URL as a QR code drawn in vector modules (sharp at any printer's resolution). */
  private static Image qrCode(PdfContentByte canvas, String url) throws DocumentException {
    BitMatrix modules = QrCodes.of(url);
    float size = modules.getWidth() * QR_MODULE;
    PdfTemplate template = canvas.createTemplate(size, size);
    template.setColorFill(Color.BLACK);
    for (int y = 0; y < modules.getHeight(); y++) {
      for (int x = 0; x < modules.getWidth(); x++) {
        if (modules.get(x, y)) {
          template.rectangle(x * QR_MODULE, size - (y + 1) * QR_MODULE, QR_MODULE, QR_MODULE);
        }
      }
    }
    template.fill();
    Image image = Image.getInstance(template);
    image.setAlt(url);
    return image;
  }

  static String dateLine(LocalDate date, Locale language) {
    String pattern = Locale.ENGLISH.equals(language) ? "d MMMM yyyy" : "d. MMMM yyyy";
    return DateTimeFormatter.ofPattern(pattern, language).format(date);
  }
}
