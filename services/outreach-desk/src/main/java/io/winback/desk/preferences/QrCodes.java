package io.winback.desk.preferences;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** The preference page's address as a QR code for print: modules only, the quiet zone around it included. */
public final class QrCodes {

  /** The quiet zone the QR standard asks for, in modules. */
  static final int QUIET_ZONE = 4;

  private QrCodes() {}

  /**
   * The code's modules (true = dark), one per matrix cell, with the quiet zone. Error correction M:
   * a letter may be creased or smudged; the ~100-character URL still fits a small code.
   */
  public static BitMatrix of(String text) {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE,
          EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("the text does not fit a QR code", e);
    }
  }
}
