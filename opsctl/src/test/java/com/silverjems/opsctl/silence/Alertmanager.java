package com.silverjems.opsctl.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.opsctl.MotoServer;
import com.silverjems.testsupport.OsTool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A real Prometheus Alertmanager (Debian prometheus-alertmanager) on a free loopback port. */
final class Alertmanager implements AutoCloseable {

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  Alertmanager(Path dir) throws IOException, InterruptedException {
    Path binary =
        OsTool.require(
            "prometheus-alertmanager", "prometheus-alertmanager", "/usr/bin/alertmanager");
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, "route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n");
    port = MotoServer.freePort();
    process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "alertmanager did not start: " + Files.readString(dir.resolve("alertmanager.log")));
      }
      Thread.sleep(100);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Every silence Alertmanager holds (active, pending, expired). */
  JsonNode silences() throws IOException, InterruptedException {
    String body =
        http.send(
                HttpRequest.newBuilder(URI.create(url() + "/api/v2/silences")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return new ObjectMapper().readTree(body);
  }

  /** Creates a silence directly, as a person in the Grafana UI would. */
  String silence(String alert, String createdBy, String comment, Instant endsAt)
      throws IOException, InterruptedException {
    String body =
        """
        {"matchers":[{"name":"alertname","value":"%s","isRegex":false,"isEqual":true}],
         "startsAt":"%s","endsAt":"%s","createdBy":"%s","comment":"%s"}
        """
            .formatted(alert, Instant.now(), endsAt, createdBy, comment);
    String response =
        http.send(
                HttpRequest.newBuilder(URI.create(url() + "/api/v2/silences"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return new ObjectMapper().readTree(response).path("silenceID").asText();
  }

  void expireAll() throws IOException, InterruptedException {
    for (JsonNode silence : silences()) {
      if (!"expired".equals(silence.path("status").path("state").asText())) {
        http.send(
            HttpRequest.newBuilder(
                    URI.create(url() + "/api/v2/silence/" + silence.path("id").asText()))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }
    }
  }

  @Override
  public void close() {
    // Alertmanager writes its snapshot into data/ as it stops: wait for it, or the test's
    // temporary directory is deleted under it and JUnit fails the class on cleanup.
    process.destroy();
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
