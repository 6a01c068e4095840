package com.silverjems.routes.images;

import com.silverjems.testsupport.OsTool;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Pictures made on the spot for the tests (no binary files in the repository): a product-shot-like
 * scene, encoders for JPEG (with hand-built EXIF incl. GPS), PNG and WebP (Debian's cwebp), a
 * streamed PNG decompression bomb, and a JPEG marker lister to prove metadata is gone.
 */
public final class TestImages {

  private TestImages() {}

  /**
   * A ring-on-velvet scene: soft gradient background, a metallic ring with highlights and a stone,
   * plus fine noise so the encoder has real detail to keep (flat colours would flatter any codec).
   */
  static BufferedImage productShot(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(
          new GradientPaint(0, 0, new Color(40, 30, 60), width, height, new Color(230, 225, 240)));
      g.fillRect(0, 0, width, height);
      int size = Math.min(width, height);
      g.setStroke(new BasicStroke(Math.max(2, size / 14f)));
      g.setPaint(
          new GradientPaint(
              width / 3f, height / 3f, new Color(245, 245, 250), width, height, Color.GRAY));
      g.drawOval(width / 2 - size / 4, height / 2 - size / 4, size / 2, size / 2);
      g.setColor(new Color(20, 90, 200));
      g.fillOval(width / 2 - size / 20, height / 2 - size / 4 - size / 20, size / 10, size / 10);
      // Top-left marker: tests find it after orientation is applied.
      g.setColor(Color.RED);
      g.fillRect(0, 0, Math.max(4, width / 8), Math.max(4, height / 8));
    } finally {
      g.dispose();
    }
    Random random = new Random(seed);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int n = random.nextInt(9) - 4;
        int p = row[x];
        row[x] =
            (clamp(((p >> 16) & 0xFF) + n) << 16)
                | (clamp(((p >> 8) & 0xFF) + n) << 8)
                | clamp((p & 0xFF) + n);
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  static byte[] jpeg(BufferedImage image) {
    return jpeg(image, 0.92f);
  }

  /** The image as a JPEG of the given quality (also the local run's demo photos' encoder). */
  public static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, null), param);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(image, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A transparent-background product cut-out, as exported from a photo editor. */
  static BufferedImage cutOut(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(200, 200, 210));
      g.fillOval(width / 4, height / 4, width / 2, height / 2);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Lossy WebP, made by Debian's cwebp from a PNG (the common way WebP reaches an admin). */
  static byte[] webp(BufferedImage image, Path workDirectory) {
    Path cwebp = OsTool.require("cwebp", "webp");
    try {
      Path png = Files.createTempFile(workDirectory, "source", ".png");
      Path webp = Files.createTempFile(workDirectory, "result", ".webp");
      Files.write(png, png(image));
      Process process =
          new ProcessBuilder(
                  cwebp.toString(), "-quiet", "-q", "90", png.toString(), "-o", webp.toString())
              .redirectErrorStream(true)
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "cwebp failed: " + new String(process.getInputStream().readAllBytes()));
      }
      return Files.readAllBytes(webp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A JPEG with an EXIF APP1 segment built by hand: camera make, orientation, and GPS coordinates
   * of the workshop (51°30'N 0°7'W), the kind of leak stripping must prevent.
   */
  static byte[] jpegWithExif(BufferedImage image, int orientation) {
    byte[] jpeg = jpeg(image);
    byte[] tiff = exifTiff(orientation);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(0xFF);
    out.write(0xE1);
    int length = 2 + 6 + tiff.length;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(tiff);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  static byte[] exifTiff(int orientation) {
    ByteBuffer b = ByteBuffer.allocate(512); // big-endian, "MM"
    b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    // IFD0 at 8: Make, Orientation, GPS IFD pointer
    int ifd0Entries = 3;
    int makeOffset = 8 + 2 + 12 * ifd0Entries + 4;
    byte[] make = "SilverCam\0".getBytes(StandardCharsets.US_ASCII);
    int gpsIfd = makeOffset + make.length + (make.length & 1);
    b.putShort((short) ifd0Entries);
    entry(b, 0x010F, 2, make.length, makeOffset);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1);
    b.putShort((short) orientation).putShort((short) 0);
    entry(b, 0x8825, 4, 1, gpsIfd);
    b.putInt(0); // no IFD1
    b.put(make);
    if ((make.length & 1) == 1) {
      b.put((byte) 0);
    }
    int gpsEntries = 4;
    int latitude = gpsIfd + 2 + 12 * gpsEntries + 4;
    int longitude = latitude + 24;
    b.putShort((short) gpsEntries);
    b.putShort((short) 1)
        .putShort((short) 2)
        .putInt(2)
        .put((byte) 'N')
        .put((byte) 0)
        .putShort((short) 0);
    entry(b, 2, 5, 3, latitude);
    b.putShort((short) 3)
        .putShort((short) 2)
        .putInt(2)
        .put((byte) 'W')
        .put((byte) 0)
        .putShort((short) 0);
    entry(b, 4, 5, 3, longitude);
    b.putInt(0);
    rationals(b, 51, 30, 26);
    rationals(b, 0, 7, 39);
    return Arrays.copyOf(b.array(), b.position());
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
  }

  private static void rationals(ByteBuffer b, int degrees, int minutes, int seconds) {
    b.putInt(degrees).putInt(1).putInt(minutes).putInt(1).putInt(seconds).putInt(1);
  }

  /**
   * A PNG that declares width × height black pixels yet weighs a few hundred KB: 1-bit grey rows of
   * zeros deflate about 1000:1. Streamed, so the test never holds the pixels either.
   */
  static void writePngBomb(Path file, int width, int height) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
      ByteBuffer header = ByteBuffer.allocate(13);
      header.putInt(width).putInt(height).put((byte) 1).put((byte) 0); // 1-bit greyscale
      header.put((byte) 0).put((byte) 0).put((byte) 0);
      chunk(out, "IHDR", header.array());
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate =
          new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
        byte[] row = new byte[1 + (width + 7) / 8]; // filter byte + bits, all zero
        for (int y = 0; y < height; y++) {
          deflate.write(row);
        }
      }
      chunk(out, "IDAT", compressed.toByteArray());
      chunk(out, "IEND", new byte[0]);
    }
  }

  private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
    DataOutputStream dataOut = new DataOutputStream(out);
    dataOut.writeInt(data.length);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    dataOut.write(typeBytes);
    dataOut.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    dataOut.writeInt((int) crc.getValue());
  }

  /** The first {@code fraction} of the bytes, as an interrupted upload leaves them. */
  static byte[] truncated(byte[] bytes, double fraction) {
    return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
  }

  /** The marker types of a JPEG up to the first scan: APP0 = 0xE0, APP1 (EXIF, XMP) = 0xE1... */
  static List<Integer> jpegMarkersBeforeScan(byte[] jpeg) {
    List<Integer> markers = new ArrayList<>();
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      int type = jpeg[i + 1] & 0xFF;
      markers.add(type);
      if (type == 0xDA) {
        break;
      }
      int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
      i += 2 + length;
    }
    return markers;
  }

  static boolean containsAscii(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The colour at a point of a decoded image, as (r, g, b). */
  static int[] rgbAt(BufferedImage image, int x, int y) {
    int p = image.getRGB(x, y);
    return new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
  }
}
