package com.silverjems.routes.images;

import com.silverjems.routes.images.ImageProcessor.ProcessedImage;
import com.silverjems.routes.images.ImageProcessor.Rendition;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders one upload with the production settings and writes its renditions to a folder, printing
 * the peak heap. {@link FiftyMegapixelIT} runs it in a JVM of its own with {@code -Xmx256m}, half
 * of the 512 MiB container, leaving the rest to Spring, Camel and the S3 client.
 *
 * <p>Usage: {@code SmallHeapRendering <upload> <output folder>}
 */
public final class SmallHeapRendering {

  private SmallHeapRendering() {}

  public static void main(String[] args) throws Exception {
    ImagesProperties defaults = ImagesConfigurationTest.bind(Map.of());
    ImageProcessor processor = new ImageProcessor(defaults.limits(), defaults.renditions());
    ProcessedImage image = processor.process(Path.of(args[0]));
    Path output = Files.createDirectories(Path.of(args[1]));
    for (Rendition rendition : image.renditions()) {
      Files.write(output.resolve(rendition.width() + "." + rendition.format()), rendition.bytes());
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "rendered %dx%d into %d renditions; max heap %d MiB, peak heap use %d MiB%n",
        image.width(),
        image.height(),
        image.renditions().size(),
        Runtime.getRuntime().maxMemory() >> 20,
        peak >> 20);
  }
}
