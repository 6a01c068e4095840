package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.SynthesisedPlatform;
import com.silverjems.infra.edge.EdgeDistribution;
import com.silverjems.infra.edge.EdgeStack;
import com.silverjems.infra.edge.EdgeStandIn;
import com.silverjems.infra.storefront.StorefrontRelease.StorefrontObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover that serves something: the release publishes the storefront and the maintenance page
 * (publish-storefront.sh, into stand-in buckets), and the edge stand-in of the synthesised
 * production distribution, holding exactly those objects, answers from them while the API's origin
 * is down.
 */
class MaintenanceFailoverTest {

  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path bin;
  @TempDir Path buckets;

  @Test
  void withTheApiDownCloudFrontServesThePublishedMaintenancePageAndTheStorefrontStillWorks()
      throws Exception {
    ScriptRunner scripts = new ScriptRunner(bin).s3AndCloudFrontStandIns(buckets);
    scripts.env.put(
        "STOREFRONT_RELEASE_CLASSES", Path.of("target", "classes").toAbsolutePath().toString());
    for (String[] site :
        List.of(
            new String[] {"shop/app/src/main/resources/static", "storefront", ""},
            new String[] {"infra/maintenance", "maintenance", "maintenance/"})) {
      ScriptRunner.Result published =
          scripts.run(
              Repository.ROOT, "publish-storefront.sh", site[0], site[1], "E2EXAMPLE", site[2]);
      assertThat(published.exit()).as(published.all()).isZero();
    }

    SynthesisedPlatform.get();
    try (EdgeStandIn edge =
        EdgeStandIn.builder(EdgeDistribution.synthesized("prod"))
            .origin(EdgeStandIn.API, URI.create("http://127.0.0.1:" + closedPort()))
            .bucket(EdgeStandIn.STOREFRONT, published(scripts, "storefront"))
            .bucket(EdgeStandIn.MAINTENANCE, published(scripts, "maintenance"))
            .start()) {
      String maintenancePage = Repository.read("infra/maintenance/index.html");

      HttpResponse<String> api = get(edge, "/api/categories");
      assertThat(api.statusCode()).isEqualTo(503);
      assertThat(api.body()).isEqualTo(maintenancePage);

      // What the Route 53 health check sees: no "UP", so it fails rather than trusting the page.
      HttpResponse<String> readiness = get(edge, "/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.body()).doesNotContain(EdgeStack.READY_BODY);

      HttpResponse<String> home = get(edge, "/");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body())
          .isEqualTo(Files.readString(buckets.resolve("storefront/index.html")))
          .contains("/assets/");

      HttpResponse<String> page = get(edge, EdgeStack.MAINTENANCE_PAGE);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).isEqualTo(maintenancePage);
    }
  }

  /** The objects of a stand-in bucket, with the headers they were uploaded with. */
  private static List<StorefrontObject> published(ScriptRunner scripts, String bucket)
      throws Exception {
    List<StorefrontObject> objects = new ArrayList<>();
    Path root = buckets(scripts).resolve(bucket);
    for (String line : Files.readAllLines(scripts.bin.resolve("uploads.log"))) {
      String[] upload = line.split("\t");
      Path file = root.resolve(upload[0]);
      if (Files.exists(file) && file.startsWith(root)) {
        objects.add(
            new StorefrontObject(upload[0], Files.readAllBytes(file), upload[1], upload[2]));
      }
    }
    assertThat(objects).as(bucket).isNotEmpty();
    return objects;
  }

  private static Path buckets(ScriptRunner scripts) {
    return Path.of(scripts.env.get("BUCKETS"));
  }

  private static HttpResponse<String> get(EdgeStandIn edge, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(edge.baseUrl().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A port nothing listens on: the origin is down. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
