package com.silverjems.opsctl;

import com.silverjems.testsupport.OsTool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real moto_server (the AWS emulator) on a free port, started once per test JVM and reset between
 * tests. ECS (clusters, task definitions, services, update-service) and ACM are what opsctl uses.
 */
public final class MotoServer {

  private static MotoServer shared;

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Path executable) throws IOException, InterruptedException {
    port = freePort();
    process =
        new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not start on port " + port);
      }
      Thread.sleep(100);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
  }

  /** The running emulator, reset to empty. */
  public static synchronized MotoServer started() throws IOException, InterruptedException {
    if (shared == null) {
      Path executable =
          OsTool.require(
              "moto_server",
              "moto[server] (in the image's pyenv)",
              "/root/.pyenv/versions/3.11.7/bin/moto_server");
      shared = new MotoServer(executable);
    }
    shared.reset();
    return shared;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public void reset() throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
