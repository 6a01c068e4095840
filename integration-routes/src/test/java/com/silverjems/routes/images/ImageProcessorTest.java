package com.silverjems.routes.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.silverjems.routes.images.ImageProcessor.ProcessedImage;
import com.silverjems.routes.images.ImageProcessor.Rendition;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class ImageProcessorTest {

  @TempDir Path dir;

  private final ImageProcessor processor = new ImageProcessor(limits(), renditions());

  static ImagesProperties.Limits limits() {
    return new ImagesProperties.Limits(DataSize.ofMegabytes(40), 100_000_000, 16384, 16_000_000);
  }

  static ImagesProperties.Renditions renditions() {
    return new ImagesProperties.Renditions(
        List.of(1600, 320, 800),
        0.85f,
        "public, max-age=31536000, immutable",
        List.of("jpeg", "webp"),
        0.8f);
  }

  @Test
  void jpegBecomesRenditionsAtEachWidthWithTheAspectRatioKept() throws Exception {
    ProcessedImage image = process(TestImages.jpeg(TestImages.productShot(2000, 1500, 1)));

    assertThat(image.type()).isEqualTo(ImageType.JPEG);
    assertThat(image.width()).isEqualTo(2000);
    assertThat(image.height()).isEqualTo(1500);
    assertThat(jpegs(image))
        .extracting(Rendition::width, Rendition::height)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(320, 240),
            org.assertj.core.groups.Tuple.tuple(800, 600),
            org.assertj.core.groups.Tuple.tuple(1600, 1200));
    for (Rendition rendition : jpegs(image)) {
      BufferedImage decoded = decode(rendition.bytes());
      assertThat(decoded.getWidth()).isEqualTo(rendition.width());
      assertThat(decoded.getHeight()).isEqualTo(rendition.height());
      assertThat(rendition.contentType()).isEqualTo("image/jpeg");
      assertThat(rendition.sha256()).isEqualTo(ImageProcessor.sha256(rendition.bytes()));
    }
  }

  @Test
  void everyWidthIsAlsoWrittenAsWebpFromTheSamePixels() throws Exception {
    byte[] upload = TestImages.jpegWithExif(TestImages.productShot(2000, 1500, 9), 1);

    ProcessedImage image = process(upload);

    List<Rendition> webps =
        image.renditions().stream().filter(r -> r.format().equals("webp")).toList();
    assertThat(webps)
        .extracting(Rendition::width, Rendition::height)
        .containsExactlyElementsOf(
            jpegs(image).stream()
                .map(j -> org.assertj.core.groups.Tuple.tuple(j.width(), j.height()))
                .toList());
    for (Rendition webp : webps) {
      assertThat(webp.contentType()).isEqualTo("image/webp");
      assertThat(new String(webp.bytes(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("RIFF");
      // Lossy VP8 and nothing else: no EXIF, XMP or ICC chunk travels with the pixels.
      assertThat(new String(webp.bytes(), 8, 8, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("WEBPVP8 ");
      assertThat(TestImages.containsAscii(webp.bytes(), "EXIF")).isFalse();
      assertThat(TestImages.containsAscii(webp.bytes(), "SilverCam")).isFalse();
      BufferedImage decoded = decode(webp.bytes());
      assertThat(decoded.getWidth()).isEqualTo(webp.width());
      assertThat(decoded.getHeight()).isEqualTo(webp.height());
      assertThat(webp.sha256()).isEqualTo(ImageProcessor.sha256(webp.bytes()));
    }
    Rendition largestJpeg = jpegs(image).get(jpegs(image).size() - 1);
    Rendition largestWebp = webps.get(webps.size() - 1);
    // Same picture: the red marker at the top left survives in both.
    assertThat(TestImages.rgbAt(decode(largestWebp.bytes()), 10, 10)[0])
        .isCloseTo(TestImages.rgbAt(decode(largestJpeg.bytes()), 10, 10)[0], within(40));
  }

  @Test
  void renditionsCarryNoMetadataAtAll() throws Exception {
    byte[] upload = TestImages.jpegWithExif(TestImages.productShot(1700, 1200, 2), 1);
    assertThat(TestImages.jpegMarkersBeforeScan(upload)).contains(0xE1);
    assertThat(ExifOrientation.orientationTag(TestImages.exifTiff(1))).isEqualTo(1);

    for (Rendition rendition : jpegs(process(upload))) {
      assertThat(TestImages.jpegMarkersBeforeScan(rendition.bytes()))
          .as("only JFIF, quantisation, frame and Huffman segments")
          .doesNotContain(0xE1, 0xE2, 0xED, 0xFE)
          .contains(0xE0);
      assertThat(TestImages.containsAscii(rendition.bytes(), "Exif")).isFalse();
      assertThat(TestImages.containsAscii(rendition.bytes(), "SilverCam")).isFalse();
    }
  }

  @Test
  void exifOrientationIsBakedIntoThePixels() throws Exception {
    // Stored landscape 1200×800 with the red marker top-left; orientation 6 = turn 90° clockwise.
    byte[] upload = TestImages.jpegWithExif(TestImages.productShot(1200, 800, 3), 6);

    ProcessedImage image = process(upload);

    assertThat(image.width()).isEqualTo(800);
    assertThat(image.height()).isEqualTo(1200);
    Rendition largest = jpegs(image).get(jpegs(image).size() - 1);
    assertThat(largest.width()).isEqualTo(800);
    assertThat(largest.height()).isEqualTo(1200);
    BufferedImage shown = decode(largest.bytes());
    assertThat(TestImages.rgbAt(shown, shown.getWidth() - 10, 10)[0]).isGreaterThan(200);
    assertThat(TestImages.rgbAt(shown, 10, 10)[0]).isLessThan(150);
  }

  @Test
  void everyOrientationMovesTheTopLeftCornerWhereExifSays() {
    BufferedImage stored = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    stored.setRGB(0, 0, 0xFF0000);
    // Where the stored top-left pixel must appear, per orientation 1..8 (EXIF 2.32, 4.6.4).
    int[][] expected = {{0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
    for (int orientation = 1; orientation <= 8; orientation++) {
      BufferedImage shown = ExifOrientation.of(orientation).apply(stored);
      int x = expected[orientation - 1][0];
      int y = expected[orientation - 1][1];
      assertThat(shown.getRGB(x, y) & 0xFFFFFF)
          .as("orientation %d", orientation)
          .isEqualTo(0xFF0000);
      assertThat(shown.getWidth()).isEqualTo(orientation >= 5 ? 2 : 4);
    }
  }

  @Test
  void typeComesFromTheBytesNotTheName() throws Exception {
    Path pngNamedJpg = dir.resolve("ring.jpg");
    Files.write(pngNamedJpg, TestImages.png(TestImages.productShot(900, 600, 4)));

    ProcessedImage image = processor.process(pngNamedJpg);

    assertThat(image.type()).isEqualTo(ImageType.PNG);
    assertThat(jpegs(image)).extracting(Rendition::width).containsExactly(320, 800);
  }

  @Test
  void transparentCutOutsAreFlattenedOntoWhite() throws Exception {
    ProcessedImage image = process(TestImages.png(TestImages.cutOut(400, 400)));

    BufferedImage rendition = decode(image.renditions().get(0).bytes());
    assertThat(java.util.Arrays.stream(TestImages.rgbAt(rendition, 2, 2)).min().orElseThrow())
        .isGreaterThan(245);
    assertThat(TestImages.rgbAt(rendition, 160, 160)[0]).isBetween(185, 215);
  }

  @Test
  void webpUploadsAreDecoded() throws Exception {
    ProcessedImage image = process(TestImages.webp(TestImages.productShot(1000, 700, 5), dir));

    assertThat(image.type()).isEqualTo(ImageType.WEBP);
    assertThat(jpegs(image)).extracting(Rendition::width).containsExactly(320, 800);
  }

  @Test
  void smallPicturesAreNeverUpscaled() throws Exception {
    ProcessedImage image = process(TestImages.jpeg(TestImages.productShot(200, 150, 6)));

    assertThat(jpegs(image))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.width()).isEqualTo(200);
              assertThat(r.height()).isEqualTo(150);
            });
  }

  @Test
  void truncatedJpegIsRejectedNotPaddedWithGrey() {
    byte[] upload =
        TestImages.truncated(TestImages.jpeg(TestImages.productShot(1200, 900, 7)), 0.6);

    assertThatThrownBy(() -> process(upload))
        .isInstanceOfSatisfying(
            ImageRejected.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.CORRUPT));
  }

  @Test
  void truncatedPngIsRejected() {
    byte[] upload = TestImages.truncated(TestImages.png(TestImages.productShot(600, 400, 8)), 0.5);

    assertThatThrownBy(() -> process(upload))
        .isInstanceOfSatisfying(
            ImageRejected.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.CORRUPT));
  }

  @Test
  void decompressionBombIsRefusedFromItsHeaderBeforeAnyPixelIsDecoded() throws Exception {
    Path bomb = dir.resolve("bomb.png");
    TestImages.writePngBomb(bomb, 20_000, 20_000);
    assertThat(Files.size(bomb)).isLessThan(2_000_000);

    assertThatThrownBy(() -> processor.process(bomb))
        .isInstanceOfSatisfying(
            ImageRejected.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
              assertThat(e.detail()).contains("20000x20000");
            });
  }

  @Test
  void anythingElseIsAnUnsupportedType() {
    assertThatThrownBy(() -> process("%PDF-1.7 not a picture".getBytes()))
        .isInstanceOfSatisfying(
            ImageRejected.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE));
    assertThatThrownBy(() -> process(new byte[0]))
        .isInstanceOfSatisfying(
            ImageRejected.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE));
  }

  @Test
  void largeUploadsAreDecodedSubsampledWithinTheBudget() {
    assertThat(processor.subsampling(4000, 3000)).isEqualTo(1);
    assertThat(processor.subsampling(8660, 5773)).isEqualTo(2);
    assertThat(processor.subsampling(12000, 8000)).isEqualTo(3);
  }

  @Test
  void malformedExifIsIgnored() {
    assertThat(ExifOrientation.orientationTag(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 99}))
        .isEqualTo(1);
    assertThat(ExifOrientation.orientationTag("garbage!".getBytes())).isEqualTo(1);
  }

  private static List<Rendition> jpegs(ProcessedImage image) {
    return image.renditions().stream().filter(r -> r.format().equals("jpeg")).toList();
  }

  private ProcessedImage process(byte[] bytes) throws Exception {
    Path file = Files.createTempFile(dir, "upload", ".bin");
    Files.write(file, bytes);
    return processor.process(file);
  }

  private static BufferedImage decode(byte[] bytes) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }
}
