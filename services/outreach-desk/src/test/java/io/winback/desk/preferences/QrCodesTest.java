package io.winback.desk.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

class QrCodesTest {

  @Test
  void theCodeReadsBackAsThePagesAddress() throws Exception {
    String url = "https://preferences.winback.example/p/AWmHv4AHMjAyNi0xMqvNq83vEjRWeJq83vASNFZ4mqvN7xI0VniavN7w";
    BitMatrix modules = QrCodes.of(url);

    assertThat(modules.getWidth()).isEqualTo(modules.getHeight());
    // Every module as a 4x4 block of pixels, as a phone camera would see the printed code.
    int scale = 4;
    int size = modules.getWidth() * scale;
    int[] pixels = new int[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        pixels[y * size + x] = modules.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF;
      }
    }
    String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(size, size, pixels)))).getText();

    assertThat(read).isEqualTo(url);
  }

  @Test
  void theCodeHasItsQuietZone() {
    BitMatrix modules = QrCodes.of("https://p.example/p/x");
    for (int i = 0; i < modules.getWidth(); i++) {
      for (int border = 0; border < QrCodes.QUIET_ZONE; border++) {
        assertThat(modules.get(i, border)).isFalse();
        assertThat(modules.get(border, i)).isFalse();
      }
    }
  }
}
