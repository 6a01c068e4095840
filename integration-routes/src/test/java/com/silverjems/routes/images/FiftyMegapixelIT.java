package com.silverjems.routes.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50-megapixel upload is rendered by a JVM with a 256 MiB heap. Decoded whole, its pixels alone
 * would take 150 MiB and the resize chain as much again; subsampled decoding keeps the peak bounded
 * whatever the upload's size.
 */
class FiftyMegapixelIT {

  @TempDir Path dir;

  @Test
  void aJvmWith256MibOfHeapRendersA50MegapixelUpload() throws Exception {
    Path upload = dir.resolve("50mp.jpg");
    Files.write(upload, TestImages.jpeg(TestImages.productShot(8660, 5774, 50), 0.9f));
    Path output = dir.resolve("renditions");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SmallHeapRendering.class.getName());
    command.add(upload.toString());
    command.add(output.toString());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(child.getInputStream().readAllBytes());
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as(log).isZero();
    assertThat(log).contains("rendered 8660x5774 into 6 renditions").contains("max heap 256 MiB");
    for (int width : new int[] {320, 800, 1600}) {
      for (String format : new String[] {"jpeg", "webp"}) {
        BufferedImage rendition = ImageIO.read(output.resolve(width + "." + format).toFile());
        assertThat(rendition.getWidth()).isEqualTo(width);
        assertThat(rendition.getHeight()).isEqualTo(Math.round(width * 5774f / 8660));
      }
    }
  }
}
