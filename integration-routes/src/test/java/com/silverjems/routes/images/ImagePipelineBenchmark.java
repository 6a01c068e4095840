package com.silverjems.routes.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import net.coobird.thumbnailator.Thumbnails;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Images per second for a 12 MP JPEG to all renditions (320, 800, 1600 px, JPEG q0.85 and WebP
 * q0.8; {@code pipelineJpegOnly} without the WebPs, so the two show what WebP costs): the ingestion
 * pipeline ({@link ImageProcessor}: sniffing, EXIF, limits, subsampling decision, resize chain,
 * metadata-free encoding, SHA-256 of each rendition) against plain Thumbnailator loops in the same
 * run (JPEG only, like {@code pipelineJpegOnly}). Target: {@code pipelineJpegOnly} at 80 % or more
 * of the baseline.
 *
 * <p>Run: {@code integration-routes/bench/image-pipeline.sh} (by hand; never in CI).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
@State(Scope.Benchmark)
public class ImagePipelineBenchmark {

  private static final List<Integer> WIDTHS = List.of(320, 800, 1600);
  private static final float QUALITY = 0.85f;

  private Path upload;
  private ImageProcessor processor;
  private ImageProcessor jpegOnly;

  @Setup(Level.Trial)
  public void writeTwelveMegapixelJpeg() throws IOException {
    upload = Files.createTempFile("bench-12mp-", ".jpg");
    Files.write(upload, TestImages.jpeg(TestImages.productShot(4000, 3000, 12), 0.92f));
    ImagesProperties defaults = ImagesConfigurationTest.bind(Map.of());
    processor = new ImageProcessor(defaults.limits(), defaults.renditions());
    ImagesProperties.Renditions jpeg = defaults.renditions();
    jpegOnly =
        new ImageProcessor(
            defaults.limits(),
            new ImagesProperties.Renditions(
                jpeg.widths(),
                jpeg.jpegQuality(),
                jpeg.cacheControl(),
                List.of("jpeg"),
                jpeg.webpQuality()));
  }

  @TearDown(Level.Trial)
  public void deleteJpeg() throws IOException {
    Files.deleteIfExists(upload);
  }

  /** The ingestion pipeline, as the route runs it: every width as JPEG and as WebP. */
  @Benchmark
  public void pipeline(Blackhole sink) throws Exception {
    sink.consume(processor.process(upload));
  }

  /** The same without WebP: the difference to {@link #pipeline} is what WebP costs. */
  @Benchmark
  public void pipelineJpegOnly(Blackhole sink) throws Exception {
    sink.consume(jpegOnly.process(upload));
  }

  /** The plain loop: Thumbnailator from the file, once per width. */
  @Benchmark
  public void thumbnailatorLoop(Blackhole sink) throws IOException {
    for (int width : WIDTHS) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thumbnails.of(upload.toFile())
          .width(width)
          .outputFormat("jpg")
          .outputQuality(QUALITY)
          .toOutputStream(out);
      sink.consume(out.toByteArray());
    }
  }

  /** A stricter baseline: decode once with ImageIO, then Thumbnailator per width. */
  @Benchmark
  public void thumbnailatorDecodeOnce(Blackhole sink) throws IOException {
    BufferedImage decoded = ImageIO.read(upload.toFile());
    for (int width : WIDTHS) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thumbnails.of(decoded)
          .width(width)
          .outputFormat("jpg")
          .outputQuality(QUALITY)
          .toOutputStream(out);
      sink.consume(out.toByteArray());
    }
  }
}
