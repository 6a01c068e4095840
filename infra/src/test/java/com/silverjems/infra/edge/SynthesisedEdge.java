package com.silverjems.infra.edge;

import com.silverjems.infra.SynthesisedPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * The synthesized distribution for tests of this module: the cloud assembly in {@code cdk.out} when
 * it is newer than every source of the infra module (the unit tests of the same build wrote it),
 * else a fresh synthesis. Integration tests run in their own JVM: this spares them a second
 * synthesis of the whole platform.
 */
public final class SynthesisedEdge {

  private SynthesisedEdge() {}

  public static synchronized EdgeDistribution distribution(String environment) {
    Path template =
        EdgeDistribution.cdkOut().resolve("silverjems-" + environment + "-edge.template.json");
    if (!Files.isRegularFile(template) || olderThanSources(template)) {
      SynthesisedPlatform.get();
    }
    return EdgeDistribution.synthesized(environment);
  }

  private static boolean olderThanSources(Path template) {
    Path sources = EdgeDistribution.cdkOut().getParent().getParent().resolve("src").resolve("main");
    try (Stream<Path> files = Files.walk(sources)) {
      FileTime written = Files.getLastModifiedTime(template);
      return files
          .filter(Files::isRegularFile)
          .anyMatch(
              f -> {
                try {
                  return Files.getLastModifiedTime(f).compareTo(written) > 0;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
