package com.silverjems.infra.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One component started as its container would be: a separate JVM in the image's working folder,
 * with the image's entrypoint and {@code JAVA_TOOL_OPTIONS}, and exactly the environment given
 * (nothing inherited from this JVM). Two flags stand for what the container provides: {@code
 * -XX:MaxRAM} the task's memory limit (the JVM sizes its heap from the cgroup limit there), and a
 * trust store holding the stand-ins' certificate (AWS's CAs are in the JRE's default one).
 */
final class ComponentProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private final int port;

  private ComponentProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static ComponentProcess start(
      ProductionImage image,
      Map<String, String> environment,
      int memoryMiB,
      Path trustStore,
      Path log) {
    List<String> jvmOptions = new ArrayList<>();
    jvmOptions.add("-XX:MaxRAM=" + memoryMiB + "m");
    jvmOptions.add("-Djavax.net.ssl.trustStore=" + trustStore);
    jvmOptions.add("-Djavax.net.ssl.trustStorePassword=changeit");
    ProcessBuilder builder =
        new ProcessBuilder(image.command(jvmOptions))
            .directory(image.workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("JAVA_TOOL_OPTIONS", image.javaToolOptions());
    env.putAll(environment);
    try {
      Process process = builder.start();
      // Never outlive the test JVM, whatever stops it.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new ComponentProcess(
          process, log, Integer.parseInt(environment.getOrDefault("SERVER_PORT", "0")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JVM's process id (its /proc entry tells its memory). */
  long pid() {
    return process.pid();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Waits until readiness answers UP; false when the process exits or time runs out first. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** The exit code, or empty when the process still runs after {@code timeout}. */
  java.util.Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return java.util.Optional.of(process.exitValue());
    }
    return java.util.Optional.empty();
  }

  List<String> output() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
