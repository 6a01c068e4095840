package com.silverjems.shop.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the shop checks before an original goes to the pipeline, and how it names the object. */
class PhotoUploadRulesTest {

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  @Test
  void recognisesJpegPngAndWebpByTheirFirstBytes() {
    assertThat(PhotoType.of(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).isEqualTo("image/jpeg");
    assertThat(PhotoType.of(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d)))
        .isEqualTo("image/png");
    assertThat(PhotoType.of("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo("image/webp");
  }

  @Test
  void refusesAnythingElseWhateverItsName() {
    assertThat(PhotoType.of("%PDF-1.7\n%".getBytes(StandardCharsets.ISO_8859_1))).isNull();
    assertThat(PhotoType.of("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1))).isNull();
    assertThat(PhotoType.of(bytes(0xff, 0xd8))).isNull();
    assertThat(PhotoType.of(new byte[0])).isNull();
  }

  @Test
  void objectNamesAreSafeAndReadable() {
    assertThat(ImageUploads.safeName("Curb chain (front).JPG")).isEqualTo("Curb-chain-front-.JPG");
    assertThat(ImageUploads.safeName("C:\\Users\\ann\\ring.jpg")).isEqualTo("ring.jpg");
    assertThat(ImageUploads.safeName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(ImageUploads.safeName("...")).isEqualTo("photo");
    assertThat(ImageUploads.safeName(null)).isEqualTo("photo");
    assertThat(ImageUploads.safeName("x".repeat(300) + ".jpg")).hasSize(100).endsWith(".jpg");
  }

  @Test
  void theAdminSeesTheNameTheyChoseNotOurStamp() {
    assertThat(ImageUploads.fileName("incoming/7/20261124T201500-1a2b3c4d-ring.jpg"))
        .isEqualTo("ring.jpg");
    assertThat(ImageUploads.fileName("incoming/7/front.jpg")).isEqualTo("front.jpg");
  }
}
