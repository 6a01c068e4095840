package com.silverjems.infra.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A component's container image rebuilt on this machine from its Dockerfile, without Docker: the
 * jar the reactor packaged, unpacked by the Dockerfile's own {@code extract} command, its layers
 * merged into one folder as the {@code COPY --from=layers} lines do, and run with the image's
 * {@code JAVA_TOOL_OPTIONS} and {@code ENTRYPOINT}.
 *
 * @param repository the ECR repository the image is pushed to ({@code silverjems/shop}), from the
 *     Dockerfile's build instructions
 * @param workDir the image's {@code WORKDIR}, here a folder under {@code target/}
 */
record ProductionImage(
    String repository,
    Path dockerfile,
    Path workDir,
    String javaToolOptions,
    List<String> entrypoint,
    int exposedPort) {

  private static final Pattern TAG = Pattern.compile("-t (\\S+):");
  private static final Pattern TOOL_OPTIONS = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"");
  private static final Pattern ENTRYPOINT = Pattern.compile("ENTRYPOINT \\[(.*)]");
  private static final Pattern COPY_LAYER =
      Pattern.compile("COPY --from=layers /build/(\\S+)/ \\./");
  private static final Pattern EXTRACT = Pattern.compile("RUN (java -Djarmode=tools .*)");
  private static final Pattern EXPOSE = Pattern.compile("EXPOSE (\\d+)");

  /** Unpacks {@code jar} as {@code dockerfile} builds its image, into {@code target}. */
  static ProductionImage build(Path dockerfile, Path jar, Path target) {
    try {
      String text = Files.readString(dockerfile);
      Path build = target.resolve("build");
      Path app = target.resolve("app");
      deleteRecursively(target);
      Files.createDirectories(build);
      Files.copy(jar, build.resolve("app.jar"));
      List<String> extract = new ArrayList<>(List.of(find(EXTRACT, text).split(" ")));
      extract.set(0, javaExecutable());
      Process process =
          new ProcessBuilder(extract)
              .directory(build.toFile())
              .redirectErrorStream(true)
              .redirectOutput(target.resolve("extract.log").toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "extracting " + jar + " failed: " + Files.readString(target.resolve("extract.log")));
      }
      Matcher layers = COPY_LAYER.matcher(text);
      while (layers.find()) {
        Path layer = build.resolve(layers.group(1));
        try (Stream<Path> files = Files.walk(layer)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Path copy = app.resolve(layer.relativize(file).toString());
            if (Files.isDirectory(file)) {
              Files.createDirectories(copy);
            } else {
              Files.createLink(copy, file);
            }
          }
        }
      }
      List<String> entrypoint = new ArrayList<>();
      for (String word : find(ENTRYPOINT, text).split(",")) {
        entrypoint.add(word.trim().replaceAll("^\"|\"$", ""));
      }
      return new ProductionImage(
          find(TAG, text),
          dockerfile,
          app,
          find(TOOL_OPTIONS, text),
          entrypoint,
          Integer.parseInt(find(EXPOSE, text)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The image's entrypoint with this JDK's {@code java} (the same major version as the image). */
  List<String> command(List<String> extraJvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(entrypoint.get(0).equals("java") ? javaExecutable() : entrypoint.get(0));
    command.addAll(extraJvmOptions);
    command.addAll(entrypoint.subList(1, entrypoint.size()));
    return command;
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("the Dockerfile has no line matching " + pattern);
    }
    return matcher.group(1);
  }
}
