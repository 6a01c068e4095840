package com.silverjems.routes.images;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation tag (0x0112) of an upload, and its application to pixels. Phones store
 * pictures as the sensor saw them and only tag how to turn them; renditions carry no metadata, so
 * the turn must be baked into the pixels before the tag is dropped.
 *
 * <p>Only the tag is read, from JPEG APP1, PNG eXIf and WebP EXIF chunks; a malformed block is
 * ignored (orientation 1) rather than failing an otherwise good picture.
 */
final class ExifOrientation {

  static final ExifOrientation NORMAL = new ExifOrientation(1);

  /** Enough to skip past any metadata a camera writes before the pixels. */
  private static final int MAX_METADATA_BYTES = 4 * 1024 * 1024;

  private final int value;

  private ExifOrientation(int value) {
    this.value = value;
  }

  static ExifOrientation of(int value) {
    return value >= 1 && value <= 8 ? new ExifOrientation(value) : NORMAL;
  }

  int value() {
    return value;
  }

  /** Whether showing the picture swaps its width and height (90° turns, orientations 5 to 8). */
  boolean swapsAxes() {
    return value >= 5;
  }

  /** Reads the orientation of the file, {@link #NORMAL} when it has none. */
  static ExifOrientation read(Path file, ImageType type) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 16 * 1024))) {
      byte[] tiff =
          switch (type) {
            case JPEG -> jpegExif(in);
            case PNG -> pngExif(in);
            case WEBP -> webpExif(in);
          };
      return tiff == null ? NORMAL : of(orientationTag(tiff));
    } catch (EOFException truncated) {
      // The decoder reports truncated files; orientation simply stays unknown.
      return NORMAL;
    }
  }

  private static byte[] jpegExif(DataInputStream in) throws IOException {
    in.skipNBytes(2); // SOI
    long seen = 2;
    while (seen < MAX_METADATA_BYTES) {
      int marker = in.readUnsignedByte();
      if (marker != 0xFF) {
        return null;
      }
      int type = in.readUnsignedByte();
      while (type == 0xFF) { // fill bytes
        type = in.readUnsignedByte();
      }
      if (type == 0xDA || type == 0xD9) { // start of scan / end of image: no metadata after this
        return null;
      }
      if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
        continue;
      }
      int length = in.readUnsignedShort() - 2;
      if (length < 0) {
        return null;
      }
      if (type == 0xE1 && length >= 6) {
        byte[] segment = in.readNBytes(length);
        if (startsWith(segment, "Exif\0\0")) {
          byte[] tiff = new byte[segment.length - 6];
          System.arraycopy(segment, 6, tiff, 0, tiff.length);
          return tiff;
        }
      } else {
        in.skipNBytes(length);
      }
      seen += 4 + length;
    }
    return null;
  }

  private static byte[] pngExif(DataInputStream in) throws IOException {
    in.skipNBytes(8);
    long seen = 8;
    while (seen < MAX_METADATA_BYTES) {
      long length = in.readInt() & 0xFFFFFFFFL;
      String type = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
      if (type.equals("IDAT") || type.equals("IEND") || length > MAX_METADATA_BYTES) {
        return null; // browsers ignore an eXIf after the pixels, so do we
      }
      if (type.equals("eXIf")) {
        return in.readNBytes((int) length);
      }
      in.skipNBytes(length + 4); // data + CRC
      seen += 12 + length;
    }
    return null;
  }

  private static byte[] webpExif(DataInputStream in) throws IOException {
    in.skipNBytes(12); // RIFF size WEBP
    long seen = 12;
    while (seen < MAX_METADATA_BYTES) {
      String type = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
      long length = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
      if (type.equals("EXIF") && length < MAX_METADATA_BYTES) {
        byte[] exif = in.readNBytes((int) length);
        if (startsWith(exif, "Exif\0\0")) {
          byte[] tiff = new byte[exif.length - 6];
          System.arraycopy(exif, 6, tiff, 0, tiff.length);
          return tiff;
        }
        return exif;
      }
      long padded = length + (length & 1);
      in.skipNBytes(padded);
      seen += 8 + padded;
    }
    return null;
  }

  /** The orientation tag of IFD0 of a TIFF structure, 1 when absent or malformed. */
  static int orientationTag(byte[] tiff) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(tiff);
      if (tiff[0] == 'I' && tiff[1] == 'I') {
        buffer.order(ByteOrder.LITTLE_ENDIAN);
      } else if (tiff[0] == 'M' && tiff[1] == 'M') {
        buffer.order(ByteOrder.BIG_ENDIAN);
      } else {
        return 1;
      }
      if (buffer.getShort(2) != 42) {
        return 1;
      }
      int ifd = buffer.getInt(4);
      int entries = Short.toUnsignedInt(buffer.getShort(ifd));
      for (int i = 0; i < entries; i++) {
        int entry = ifd + 2 + 12 * i;
        if (Short.toUnsignedInt(buffer.getShort(entry)) == 0x0112) {
          return Short.toUnsignedInt(buffer.getShort(entry + 8));
        }
      }
      return 1;
    } catch (IndexOutOfBoundsException malformed) {
      return 1;
    }
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    if (bytes.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The picture as it should be shown. Works on {@code TYPE_INT_RGB} images (renditions are small,
   * so a plain pixel copy is cheaper than an affine transform with interpolation).
   */
  BufferedImage apply(BufferedImage stored) {
    if (value == 1) {
      return stored;
    }
    int w = stored.getWidth();
    int h = stored.getHeight();
    int[] source = stored.getRGB(0, 0, w, h, null, 0, w);
    int outW = swapsAxes() ? h : w;
    int outH = swapsAxes() ? w : h;
    int[] target = new int[source.length];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int sx;
        int sy;
        switch (value) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> {
            sx = y;
            sy = x;
          }
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          default -> { // 8
            sx = w - 1 - y;
            sy = x;
          }
        }
        target[y * outW + x] = source[sy * w + sx];
      }
    }
    BufferedImage shown = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
    shown.setRGB(0, 0, outW, outH, target, 0, outW);
    return shown;
  }

  @Override
  public String toString() {
    return "orientation " + value;
  }
}
