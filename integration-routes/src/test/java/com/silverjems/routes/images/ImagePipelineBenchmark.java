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
 * Images per second for a 12 MP JPEG to all renditions (320, 800, 1600 px, JPEG q0.85): the
 * ingestion pipeline ({@link ImageProcessor}: sniffing, EXIF, limits, subsampling decision, resize
 * chain, metadata-free encoding, SHA-256 of each rendition) against plain Thumbnailator loops in
 * the same run. Target: the pipeline at 80 % or more of the baseline.
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

  @Setup(Level.Trial)
  public void writeTwelveMegapixelJpeg() throws IOException {
    upload = Files.createTempFile("bench-12mp-", ".jpg");
    Files.write(upload, TestImages.jpeg(TestImages.productShot(4000, 3000, 12), 0.92f));
    ImagesProperties defaults = ImagesConfigurationTest.bind(Map.of());
    processor = new ImageProcessor(defaults.limits(), defaults.renditions());
  }

  @TearDown(Level.Trial)
  public void deleteJpeg() throws IOException {
    Files.deleteIfExists(upload);
  }

  /** The ingestion pipeline, as the route runs it. */
  @Benchmark
  public void pipeline(Blackhole sink) throws Exception {
    sink.consume(processor.process(upload));
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
