package com.silverjems.infra.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.silverjems.infra.SynthesisedPlatform;
import com.silverjems.infra.edge.EdgeDistribution.Behaviour;
import com.silverjems.infra.storefront.StorefrontRelease;
import com.silverjems.infra.storefront.StorefrontRelease.StorefrontObject;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge stand-in does what the synthesized prod distribution says: an echo server stands in for
 * the load balancer and shows what reaches the origin.
 */
class EdgeStandInTest {

  static final Path SITE = Path.of("..", "shop", "app", "src", "main", "resources", "static");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final AtomicInteger originStatus = new AtomicInteger(200);

  private static HttpServer origin;
  private static EdgeDistribution prod;
  private static StorefrontRelease release;
  private static EdgeStandIn edge;

  @BeforeAll
  static void start() throws IOException {
    SynthesisedPlatform.get();
    prod = EdgeDistribution.synthesized("prod");
    origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    origin.createContext(
        "/",
        exchange -> {
          ObjectNode seen = JSON.createObjectNode();
          seen.put("method", exchange.getRequestMethod());
          seen.put("uri", exchange.getRequestURI().toString());
          ObjectNode headers = seen.putObject("headers");
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) -> headers.put(name.toLowerCase(), String.join(" | ", values)));
          byte[] body = JSON.writeValueAsBytes(seen);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("Set-Cookie", "a=1; Path=/");
          exchange.getResponseHeaders().add("Set-Cookie", "b=2; Path=/");
          exchange.sendResponseHeaders(originStatus.get(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    origin.start();
    release = StorefrontRelease.of(SITE);
    edge =
        EdgeStandIn.builder(prod)
            .origin(
                EdgeStandIn.API, URI.create("http://127.0.0.1:" + origin.getAddress().getPort()))
            .storefront(release)
            .bucket(
                EdgeStandIn.MAINTENANCE,
                List.of(
                    new StorefrontObject(
                        "maintenance/index.html",
                        "<h1>Back soon</h1>".getBytes(StandardCharsets.UTF_8),
                        "text/html",
                        StorefrontRelease.SHORT)))
            .start();
  }

  @AfterAll
  static void stop() {
    edge.close();
    origin.stop(0);
  }

  @Test
  void behavioursComeFromTheTemplateInItsOrder() throws IOException {
    JsonNode template =
        JSON.readTree(
            EdgeDistribution.cdkOut().resolve("silverjems-prod-edge.template.json").toFile());
    List<String> patterns = new java.util.ArrayList<>();
    template
        .path("Resources")
        .forEach(
            r -> {
              if (r.path("Type").asText().equals("AWS::CloudFront::Distribution")) {
                r.path("Properties")
                    .path("DistributionConfig")
                    .path("CacheBehaviors")
                    .forEach(b -> patterns.add(b.path("PathPattern").asText()));
              }
            });
    assertThat(prod.behaviours()).extracting(Behaviour::pathPattern).isEqualTo(patterns);
    assertThat(patterns).contains("/api/*", "/actuator/health/readiness", "/maintenance/*");
    assertThat(prod.behaviourFor("/api/products").pathPattern()).isEqualTo("/api/*");
    assertThat(prod.behaviourFor("/product").pathPattern()).isNull();
    assertThat(prod.defaultBehaviour().viewerRequestFunctions()).hasSize(1);
    // The test environment's distribution is read the same way and has the same shape.
    EdgeDistribution test = EdgeDistribution.synthesized("test");
    assertThat(test.behaviours()).extracting(Behaviour::pathPattern).isEqualTo(patterns);
    assertThat(
            test.behaviourFor("/api/cart")
                .forwarding()
                .headers()
                .names("CloudFront-Viewer-Address"))
        .isTrue();
  }

  @Test
  void theApiGetsOnlyWhatItsPoliciesNameWithTheViewerAppendedAndHostReplaced() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/auth/login?next=%2Faccount&x=1",
            "{}",
            "Content-Type",
            "application/json",
            "Accept",
            "application/json",
            "X-XSRF-TOKEN",
            "token-1",
            "Cookie",
            "__Host-SESSION=s1; XSRF-TOKEN=token-1",
            "X-Forwarded-For",
            "203.0.113.9",
            "Forwarded",
            "for=203.0.113.10;proto=https;host=evil.example",
            "X-Forwarded-Host",
            "evil.example",
            "X-Real-IP",
            "203.0.113.11",
            "CloudFront-Viewer-Address",
            "203.0.113.12:443",
            "X-Custom",
            "nope",
            "User-Agent",
            "Mozilla/5.0 test");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Set-Cookie"))
        .containsExactly("a=1; Path=/", "b=2; Path=/");
    JsonNode seen = JSON.readTree(response.body());
    JsonNode headers = seen.path("headers");
    assertThat(seen.path("method").asText()).isEqualTo("POST");
    assertThat(seen.path("uri").asText()).isEqualTo("/api/auth/login?next=%2Faccount&x=1");
    assertThat(headers.path("host").asText())
        .isEqualTo("127.0.0.1:" + origin.getAddress().getPort());
    assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("203.0.113.9, 127.0.0.1");
    assertThat(headers.path("cloudfront-viewer-address").asText()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(headers.path("cloudfront-forwarded-proto").asText()).isEqualTo("https");
    assertThat(headers.path("cookie").asText()).isEqualTo("__Host-SESSION=s1; XSRF-TOKEN=token-1");
    assertThat(headers.path("x-xsrf-token").asText()).isEqualTo("token-1");
    assertThat(headers.path("accept").asText()).isEqualTo("application/json");
    assertThat(headers.path("content-type").asText()).isEqualTo("application/json");
    assertThat(headers.path("user-agent").asText()).isEqualTo("Amazon CloudFront");
    assertThat(headers.has("x-amz-cf-id")).isTrue();
    for (String dropped : List.of("forwarded", "x-forwarded-host", "x-real-ip", "x-custom")) {
      assertThat(headers.has(dropped)).as(dropped).isFalse();
    }
  }

  @Test
  void theReadinessBehaviourForwardsNoCookieNoQueryAndOnlyGetAndHead() throws Exception {
    HttpResponse<String> response =
        send("GET", "/actuator/health/readiness?verbose=1", null, "Cookie", "a=b");
    JsonNode seen = JSON.readTree(response.body());
    assertThat(seen.path("uri").asText()).isEqualTo("/actuator/health/readiness");
    assertThat(seen.path("headers").has("cookie")).isFalse();
    assertThat(send("POST", "/actuator/health/readiness", "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void cleanAddressesReachTheReleasedPagesThroughTheFunction() throws Exception {
    for (Map.Entry<String, String> page :
        Map.of(
                "/", "index.html",
                "/product", "product.html",
                "/verify-email", "verify-email.html",
                "/reset-password", "reset-password.html",
                "/admin", "admin/index.html",
                "/admin/", "admin/index.html",
                "/admin/orders", "admin/orders.html")
            .entrySet()) {
      HttpResponse<String> response = send("GET", page.getKey() + "?slug=x", null);
      StorefrontObject file =
          release.objects().stream()
              .filter(o -> o.key().equals(page.getValue()))
              .findFirst()
              .orElseThrow();
      assertThat(response.statusCode()).as(page.getKey()).isEqualTo(200);
      assertThat(response.body())
          .as(page.getKey())
          .isEqualTo(new String(file.content(), StandardCharsets.UTF_8));
      assertThat(response.headers().firstValue("Cache-Control")).hasValue(StorefrontRelease.SHORT);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/html; charset=utf-8");
    }
  }

  @Test
  void assetsAreServedUnderTheirHashedKeysOnlyAndCachedForever() throws Exception {
    String css = "/assets/" + release.hash() + "/css/site.css";
    HttpResponse<String> response = send("GET", css, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue(StorefrontRelease.IMMUTABLE);
    assertThat(response.body()).isEqualTo(Files.readString(SITE.resolve("css/site.css")));
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertThat(send("GET", css, null, "If-None-Match", etag).statusCode()).isEqualTo(304);
    // What the bucket does not hold is S3's 403 (CloudFront may not list the bucket).
    assertThat(send("GET", "/css/site.css", null).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/product", "x").statusCode()).isEqualTo(403);
  }

  @Test
  void keysTheReleaseDoesNotHoldCanComeFromAnEmulatorsBucket() throws Exception {
    URI bucket = URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + "/public-assets");
    try (EdgeStandIn withImages =
        EdgeStandIn.builder(prod)
            .storefront(release)
            .bucketFallback(EdgeStandIn.STOREFRONT, bucket)
            .start()) {
      HttpResponse<String> rendition =
          http.send(
              HttpRequest.newBuilder(withImages.baseUrl().resolve("/renditions/ab12/640.jpg"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(rendition.body()).path("uri").asText())
          .isEqualTo("/public-assets/renditions/ab12/640.jpg");
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(withImages.baseUrl().resolve("/product")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.headers().firstValue("Cache-Control")).hasValue(StorefrontRelease.SHORT);
    }
  }

  @Test
  void anOriginDownShowsTheMaintenancePageWith503() throws Exception {
    originStatus.set(502);
    try {
      HttpResponse<String> response = send("GET", "/api/products", null);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("<h1>Back soon</h1>");
    } finally {
      originStatus.set(200);
    }
  }

  private static HttpResponse<String> send(
      String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(edge.baseUrl().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
