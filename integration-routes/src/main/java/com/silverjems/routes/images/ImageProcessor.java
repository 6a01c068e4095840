package com.silverjems.routes.images;

import com.luciad.imageio.webp.WebPWriteParam;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.resizers.DefaultResizerFactory;

/**
 * Turns one uploaded file into renditions: real type by magic bytes, limits checked from the header
 * before decoding, decoded subsampled when large (memory stays bounded whatever the upload),
 * resized with Thumbnailator's progressive bilinear filter, EXIF orientation baked in, and written
 * as fresh JPEGs and WebPs that carry no metadata at all (no GPS, no camera serial, no thumbnails).
 *
 * <p>Uploads are always decoded by pure-Java readers (the JDK's and TwelveMonkeys'): libwebp, which
 * encodes the WebP renditions (webp-imageio), never parses an untrusted file.
 *
 * <p>Stateless and thread-safe; the same class runs in the route, the benchmark and the small-heap
 * test.
 */
final class ImageProcessor {

  private static final String NATIVE_WEBP_PACKAGE = "com.luciad.imageio.webp.";

  private final ImagesProperties.Limits limits;
  private final ImagesProperties.Renditions renditions;

  ImageProcessor(ImagesProperties.Limits limits, ImagesProperties.Renditions renditions) {
    this.limits = limits;
    this.renditions = renditions;
  }

  /** A rendition ready to publish: its bytes and their SHA-256 (the key is derived from it). */
  record Rendition(
      String format, String contentType, int width, int height, byte[] bytes, String sha256) {}

  /**
   * The result for one upload: its real type, shown size and renditions, per format (in the order
   * of {@code images.renditions.formats}) smallest first.
   */
  record ProcessedImage(ImageType type, int width, int height, List<Rendition> renditions) {}

  /**
   * Processes the file. Its size is not checked here: callers stop copying at {@code maxBytes}.
   *
   * @throws ImageRejected when the file is not an acceptable image
   * @throws IOException when the file cannot be read at all (a local problem, retried)
   */
  ProcessedImage process(Path file) throws ImageRejected, IOException {
    ImageType type = sniff(file);
    ExifOrientation orientation = ExifOrientation.read(file, type);
    BufferedImage decoded;
    int storedWidth;
    int storedHeight;
    ImageReader reader = readerFor(type);
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      // Metadata is never needed (orientation was read above) and parsing it costs time.
      reader.setInput(input, true, true);
      try {
        storedWidth = reader.getWidth(0);
        storedHeight = reader.getHeight(0);
      } catch (IOException | RuntimeException e) {
        throw new ImageRejected(
            RejectionReason.CORRUPT, "The " + type.formatName() + " header is unreadable.");
      }
      checkDimensions(storedWidth, storedHeight);
      decoded = decode(reader, type, storedWidth, storedHeight);
    } finally {
      reader.dispose();
    }
    int shownWidth = orientation.swapsAxes() ? storedHeight : storedWidth;
    int shownHeight = orientation.swapsAxes() ? storedWidth : storedHeight;
    return new ProcessedImage(
        type, shownWidth, shownHeight, render(decoded, shownWidth, shownHeight, orientation));
  }

  private static ImageType sniff(Path file) throws IOException, ImageRejected {
    byte[] head = new byte[ImageType.MAGIC_LENGTH];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    return ImageType.sniff(head, read)
        .orElseThrow(
            () ->
                new ImageRejected(
                    RejectionReason.UNSUPPORTED_TYPE,
                    "Not a JPEG, PNG or WebP image (its first bytes say otherwise)."));
  }

  private static ImageReader readerFor(ImageType type) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.formatName());
    while (readers.hasNext()) {
      ImageReader reader = readers.next();
      // webp-imageio registers a libwebp reader too: native code must not parse uploads, and it
      // cannot decode subsampled (the memory bound).
      if (!reader.getClass().getName().startsWith(NATIVE_WEBP_PACKAGE)) {
        return reader;
      }
      reader.dispose();
    }
    throw new IllegalStateException(
        "No pure-Java ImageIO reader for " + type + " on the classpath");
  }

  private void checkDimensions(int width, int height) throws ImageRejected {
    if (width < 1 || height < 1) {
      throw new ImageRejected(RejectionReason.CORRUPT, "The image declares no pixels.");
    }
    if (width > limits.maxSide()
        || height > limits.maxSide()
        || (long) width * height > limits.maxPixels()) {
      throw new ImageRejected(
          RejectionReason.TOO_MANY_PIXELS,
          "The image declares "
              + width
              + "x"
              + height
              + " pixels; at most "
              + limits.maxPixels() / 1_000_000
              + " megapixels and "
              + limits.maxSide()
              + " pixels a side are accepted.");
    }
  }

  /** The subsampling step that keeps the decoded image within the decode budget. */
  int subsampling(int width, int height) {
    int step = 1;
    while ((long) ceilDiv(width, step) * ceilDiv(height, step) > limits.decodeBudgetPixels()) {
      step++;
    }
    return step;
  }

  private BufferedImage decode(ImageReader reader, ImageType type, int width, int height)
      throws ImageRejected {
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    ImageReadParam param = reader.getDefaultReadParam();
    int step = subsampling(width, height);
    if (step > 1) {
      param.setSourceSubsampling(step, step, 0, 0);
    }
    BufferedImage image;
    try {
      image = reader.read(0, param);
    } catch (IOException | RuntimeException e) {
      throw new ImageRejected(
          RejectionReason.CORRUPT,
          "The " + type.formatName() + " data is damaged or truncated: " + e.getMessage());
    }
    if (!warnings.isEmpty()) {
      // The JPEG decoder pads a truncated file with grey and only warns: never publish that.
      throw new ImageRejected(
          RejectionReason.CORRUPT,
          "The " + type.formatName() + " data is damaged or truncated: " + warnings.get(0));
    }
    return opaqueRgb(image);
  }

  /**
   * JPEG has no alpha: transparent product shots are flattened onto white, the storefront's
   * background. Grey, palette, 16-bit and ICC-tagged images become plain RGB here, once, at the
   * decoded size; the usual 8-bit RGB decodes pass through untouched.
   */
  private static BufferedImage opaqueRgb(BufferedImage image) {
    int type = image.getType();
    if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  private List<Rendition> render(
      BufferedImage decoded, int shownWidth, int shownHeight, ExifOrientation orientation)
      throws IOException {
    List<Integer> widths = new ArrayList<>();
    for (int width : renditions.widths()) {
      if (width <= shownWidth) {
        widths.add(width);
      }
    }
    if (widths.isEmpty()) {
      widths.add(shownWidth); // smaller than the smallest rendition: publish it as it is
    }
    List<List<Rendition>> byFormat = new ArrayList<>();
    List<ImageWriter> writers = new ArrayList<>();
    for (String format : renditions.formats()) {
      writers.add(writerFor(format));
      byFormat.add(new ArrayList<>());
    }
    try {
      // Largest first, each smaller one resized from the previous: same filter chain as a
      // progressive resize from the original, at a fraction of the cost. Every format is encoded
      // from the same pixels.
      BufferedImage source = decoded;
      for (int i = widths.size() - 1; i >= 0; i--) {
        int width = widths.get(i);
        int height = Math.max(1, Math.round((float) width * shownHeight / shownWidth));
        int storedW = orientation.swapsAxes() ? height : width;
        int storedH = orientation.swapsAxes() ? width : height;
        BufferedImage resized = resize(source, storedW, storedH);
        BufferedImage shown = orientation.apply(resized);
        for (int f = 0; f < writers.size(); f++) {
          String format = renditions.formats().get(f);
          byte[] bytes = encode(writers.get(f), format, shown);
          byFormat
              .get(f)
              .add(
                  0, new Rendition(format, "image/" + format, width, height, bytes, sha256(bytes)));
        }
        source = resized;
      }
    } finally {
      writers.forEach(ImageWriter::dispose);
    }
    List<Rendition> result = new ArrayList<>();
    byFormat.forEach(result::addAll);
    return result;
  }

  private static ImageWriter writerFor(String format) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    if (!writers.hasNext()) {
      throw new IllegalStateException("No ImageIO writer for " + format + " on the classpath");
    }
    return writers.next();
  }

  private byte[] encode(ImageWriter writer, String format, BufferedImage image) throws IOException {
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    if ("webp".equals(format)) {
      // Lossy (VP8): photos of metal and stones are a quarter of the lossless size.
      param.setCompressionType(param.getCompressionTypes()[WebPWriteParam.LOSSY_COMPRESSION]);
      param.setCompressionQuality(renditions.webpQuality());
    } else {
      param.setCompressionQuality(renditions.jpegQuality());
      // Optimised Huffman tables: a few percent smaller for the same pixels.
      ((JPEGImageWriteParam) param).setOptimizeHuffmanTables(true);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      // No metadata and no thumbnails: only the JFIF header (JPEG) or the VP8 chunk (WebP).
      writer.write(null, new IIOImage(image, null, null), param);
    }
    return bytes.toByteArray();
  }

  private static BufferedImage resize(BufferedImage source, int width, int height) {
    if (source.getWidth() == width && source.getHeight() == height) {
      if (source.getType() == BufferedImage.TYPE_INT_RGB) {
        return source;
      }
    }
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    DefaultResizerFactory.getInstance()
        .getResizer(
            new Dimension(source.getWidth(), source.getHeight()), new Dimension(width, height))
        .resize(source, target);
    return target;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  private static int ceilDiv(int value, int divisor) {
    return (value + divisor - 1) / divisor;
  }
}
