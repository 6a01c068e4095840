package com.silverjems.infra.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.silverjems.infra.storefront.StorefrontRelease;
import com.silverjems.infra.storefront.StorefrontRelease.StorefrontObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CloudFront on loopback, as the synthesized distribution configures it: a reverse proxy that picks
 * the behaviour by path pattern (in the template's precedence order), runs the behaviour's
 * viewer-request CloudFront Function with node on a CloudFront-shaped event, forwards to the
 * behaviour's origin only the headers, cookies and query strings its cache and origin request
 * policies name, replaces Host with the origin's, appends the viewer's address to {@code
 * X-Forwarded-For}, sets {@code CloudFront-Viewer-Address} (and {@code CloudFront-Forwarded-Proto:
 * https}) when the policy asks for them, fails over within origin groups and answers the custom
 * error pages. S3 origins are in-memory buckets with S3's answers; the storefront bucket holds
 * exactly what {@link StorefrontRelease} (the release's upload) holds.
 *
 * <p>Use:
 *
 * <pre>{@code
 * try (EdgeStandIn edge =
 *     EdgeStandIn.start(
 *         EdgeDistribution.synthesized("prod"),
 *         Map.of(EdgeStandIn.API, URI.create("http://127.0.0.1:" + shopPort)),
 *         Path.of("../shop/app/src/main/resources/static"))) {
 *   URI home = edge.baseUrl().resolve("/");            // the storefront, from the "bucket"
 *   URI products = edge.baseUrl().resolve("/api/products"); // the shop, through the API behaviour
 * }
 * }</pre>
 *
 * Origins are named by role ({@link #API} = the VPC origin to the load balancer, {@link
 * #STOREFRONT} and {@link #MAINTENANCE} = the primary and fallback buckets of the default
 * behaviour's origin group) or by their origin id in the template. An HTTP origin without a URI
 * answers 502, as an unreachable origin does.
 *
 * <p>Not modelled: caching (every request is a cache miss), TLS and the http-to-https redirect (the
 * viewer is taken to have spoken https), the WAF, compression by the edge and response headers
 * policies.
 */
public final class EdgeStandIn implements AutoCloseable {

  /** The API origin: the distribution's one VPC origin (the internal load balancer). */
  public static final String API = "api";

  /** The storefront bucket: primary member of the default behaviour's origin group. */
  public static final String STOREFRONT = "storefront";

  /** The maintenance bucket: fallback member of the default behaviour's origin group. */
  public static final String MAINTENANCE = "maintenance";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Hop-by-hop and CloudFront-owned headers: never copied from the viewer as they are. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authorization",
          "proxy-authenticate",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "expect",
          "content-length",
          "cookie",
          "via",
          "user-agent",
          "accept-encoding",
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-real-ip",
          "x-amz-cf-id",
          "x-http-method-override",
          // CloudFront forwards these; the JDK's HTTP client may not send them (restricted).
          "date",
          "from",
          "warning");

  private static final Set<String> HOP_BY_HOP_RESPONSE =
      Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "date");

  private final EdgeDistribution distribution;
  private final Map<String, URI> httpOrigins;
  private final Map<String, BucketOrigin> buckets;
  private final Map<String, URI> bucketFallbacks;
  private final Map<String, CloudFrontFunction> functions = new HashMap<>();
  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient client;
  private final String edgeName =
      Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".cloudfront.net";

  private EdgeStandIn(
      EdgeDistribution distribution,
      Map<String, URI> httpOrigins,
      Map<String, BucketOrigin> buckets,
      Map<String, URI> bucketFallbacks)
      throws IOException {
    this.distribution = distribution;
    this.httpOrigins = httpOrigins;
    this.buckets = buckets;
    this.bucketFallbacks = bucketFallbacks;
    for (EdgeDistribution.Behaviour behaviour : all(distribution)) {
      for (String code : behaviour.viewerRequestFunctions()) {
        functions.computeIfAbsent(code, CloudFrontFunction::fromSource);
      }
    }
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    threads = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts the edge of {@code distribution} on a free loopback port.
   *
   * @param origins HTTP origins by role ({@link #API}) or origin id
   * @param storefrontSite the static site the release uploads (the shop's {@code static} folder)
   */
  public static EdgeStandIn start(
      EdgeDistribution distribution, Map<String, URI> origins, Path storefrontSite) {
    Builder builder = builder(distribution).storefront(storefrontSite);
    origins.forEach(builder::origin);
    return builder.start();
  }

  public static Builder builder(EdgeDistribution distribution) {
    return new Builder(distribution);
  }

  /** Collects origins, then starts the edge. */
  public static final class Builder {
    private final EdgeDistribution distribution;
    private final Map<String, URI> httpOrigins = new LinkedHashMap<>();
    private final Map<String, List<StorefrontObject>> buckets = new LinkedHashMap<>();
    private final Map<String, URI> bucketFallbacks = new LinkedHashMap<>();

    private Builder(EdgeDistribution distribution) {
      this.distribution = distribution;
    }

    /** An HTTP origin (the API's load balancer stands in for by the shop's address). */
    public Builder origin(String roleOrId, URI uri) {
      httpOrigins.put(originId(distribution, roleOrId), uri);
      return this;
    }

    /** The storefront bucket holds the release of {@code site}. */
    public Builder storefront(Path site) {
      return storefront(StorefrontRelease.of(site));
    }

    public Builder storefront(StorefrontRelease release) {
      return bucket(STOREFRONT, release.objects());
    }

    /** A bucket origin holding {@code objects}; any other bucket origin is empty. */
    public Builder bucket(String roleOrId, List<StorefrontObject> objects) {
      buckets.put(originId(distribution, roleOrId), List.copyOf(objects));
      return this;
    }

    /**
     * Keys the bucket origin {@code roleOrId} does not hold are read from {@code objectsBase} + key
     * with a plain GET (an S3 emulator's path-style bucket URL that allows anonymous reads, such as
     * S3Proxy with {@code s3proxy.authorization=none}): what the image pipeline writes to the
     * public bucket next to the storefront, served through the edge as in production.
     */
    public Builder bucketFallback(String roleOrId, URI objectsBase) {
      String base = objectsBase.toString();
      bucketFallbacks.put(
          originId(distribution, roleOrId), URI.create(base.endsWith("/") ? base : base + "/"));
      return this;
    }

    public EdgeStandIn start() {
      Map<String, BucketOrigin> s3 = new HashMap<>();
      for (EdgeDistribution.Origin origin : distribution.origins().values()) {
        if (origin.kind() == EdgeDistribution.Origin.Kind.S3) {
          s3.put(origin.id(), BucketOrigin.holding(buckets.getOrDefault(origin.id(), List.of())));
        }
      }
      try {
        return new EdgeStandIn(
            distribution, Map.copyOf(httpOrigins), s3, Map.copyOf(bucketFallbacks));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the edge stand-in", e);
      }
    }
  }

  /** {@code http://127.0.0.1:<port>}: what a viewer calls instead of https://www.silverjems.com. */
  public URI baseUrl() {
    return URI.create(
        "http://"
            + server.getAddress().getAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort());
  }

  public EdgeDistribution distribution() {
    return distribution;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    functions.values().forEach(CloudFrontFunction::close);
  }

  // --- one viewer request -------------------------------------------------------------------

  /** What an origin answered. */
  record OriginResponse(int status, Map<String, List<String>> headers, byte[] body) {}

  /** A viewer request as it stands after the viewer-request functions. */
  private record ViewerRequest(
      String method,
      String uri,
      List<String[]> query,
      Map<String, List<String>> headers,
      List<String[]> cookies,
      byte[] body,
      InetSocketAddress viewer) {}

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      OriginResponse response;
      try {
        response = respond(exchange);
      } catch (CloudFrontFunction.FunctionFailed e) {
        response = error(503, "The CloudFront function failed: " + e.getMessage());
      }
      send(exchange, response);
    }
  }

  private OriginResponse respond(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    URI requested = exchange.getRequestURI();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    ViewerRequest request =
        new ViewerRequest(
            method,
            requested.getRawPath(),
            pairs(requested.getRawQuery(), "&"),
            headers,
            pairs(String.join("; ", headers.getOrDefault("cookie", List.of())), ";"),
            exchange.getRequestBody().readAllBytes(),
            exchange.getRemoteAddress());

    EdgeDistribution.Behaviour behaviour = distribution.behaviourFor(request.uri());
    if (!behaviour.allowedMethods().contains(method)) {
      return error(403, "This distribution is not configured to allow the HTTP request method");
    }
    for (String code : behaviour.viewerRequestFunctions()) {
      JsonNode result = functions.get(code).run(event(request));
      if (result.has("statusCode")) {
        return functionResponse(result);
      }
      request = fromEvent(request, result);
    }
    if (request.uri().equals("/") && !distribution.defaultRootObject().isEmpty()) {
      request = withUri(request, "/" + distribution.defaultRootObject());
    }
    OriginResponse response = fetch(behaviour, request);
    if (response.status() == 200 && notModified(request, response)) {
      // CloudFront answers a viewer's conditional GET from its cache, whatever reaches the origin.
      return new OriginResponse(304, response.headers(), new byte[0]);
    }
    EdgeDistribution.ErrorPage page = distribution.errorPages().get(response.status());
    if (page != null) {
      EdgeDistribution.Behaviour pageBehaviour = distribution.behaviourFor(page.pagePath());
      OriginResponse body =
          fetch(
              pageBehaviour,
              new ViewerRequest(
                  "GET",
                  page.pagePath(),
                  List.of(),
                  Map.of(),
                  List.of(),
                  new byte[0],
                  request.viewer()));
      if (body.status() == 200) {
        return new OriginResponse(page.responseCode(), body.headers(), body.body());
      }
    }
    return response;
  }

  private static boolean notModified(ViewerRequest request, OriginResponse response) {
    List<String> ifNoneMatch = request.headers().getOrDefault("if-none-match", List.of());
    return response.headers().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("etag"))
        .flatMap(h -> h.getValue().stream())
        .anyMatch(ifNoneMatch::contains);
  }

  /** The behaviour's origin, or its origin group with failover (GET and HEAD only). */
  private OriginResponse fetch(EdgeDistribution.Behaviour behaviour, ViewerRequest request) {
    String target = behaviour.targetOriginId();
    var group = distribution.originGroup(target);
    if (group.isEmpty()) {
      return fetch(target, behaviour, request);
    }
    OriginResponse primary = fetch(group.get().primaryOriginId(), behaviour, request);
    boolean failover =
        group.get().failoverStatuses().contains(primary.status())
            && (request.method().equals("GET") || request.method().equals("HEAD"));
    return failover ? fetch(group.get().fallbackOriginId(), behaviour, request) : primary;
  }

  private OriginResponse fetch(
      String originId, EdgeDistribution.Behaviour behaviour, ViewerRequest request) {
    EdgeDistribution.Forwarding forwarding = behaviour.forwarding();
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name)
                  && !name.startsWith("cloudfront-")
                  && !name.startsWith("x-edge-")
                  && forwarding.headers().includes(name)) {
                headers.put(name, String.join(", ", values));
              }
            });
    String viewerIp = request.viewer().getAddress().getHostAddress();
    List<String> forwardedFor = request.headers().getOrDefault("x-forwarded-for", List.of());
    headers.put(
        "x-forwarded-for",
        forwardedFor.isEmpty() ? viewerIp : String.join(", ", forwardedFor) + ", " + viewerIp);
    if (forwarding.headers().names("cloudfront-viewer-address")) {
      headers.put("cloudfront-viewer-address", viewerIp + ":" + request.viewer().getPort());
    }
    if (forwarding.headers().names("cloudfront-forwarded-proto")) {
      headers.put("cloudfront-forwarded-proto", "https");
    }
    headers.put(
        "user-agent",
        forwarding.headers().includes("user-agent")
            ? String.join(" ", request.headers().getOrDefault("user-agent", List.of("")))
            : "Amazon CloudFront");
    String acceptEncoding =
        String.join(",", request.headers().getOrDefault("accept-encoding", List.of()));
    if (behaviour.acceptEncodingNormalised()) {
      String normalised =
          acceptEncoding.contains("br")
              ? (acceptEncoding.contains("gzip") ? "br,gzip" : "br")
              : acceptEncoding.contains("gzip") ? "gzip" : null;
      if (normalised != null) {
        headers.put("accept-encoding", normalised);
      }
    }
    List<String> cookies = new ArrayList<>();
    for (String[] cookie : request.cookies()) {
      if (forwarding.cookies().includes(cookie[0])) {
        cookies.add(cookie[0] + "=" + cookie[1]);
      }
    }
    if (!cookies.isEmpty()) {
      headers.put("cookie", String.join("; ", cookies));
    }
    // CloudFront also sends Via; the JDK's HTTP client may not (a restricted header).
    headers.put("x-amz-cf-id", requestId());
    List<String> query = new ArrayList<>();
    for (String[] pair : request.query()) {
      if (forwarding.queryStrings().includes(pair[0])) {
        query.add(pair[1] == null ? pair[0] : pair[0] + "=" + pair[1]);
      }
    }
    String pathAndQuery = request.uri() + (query.isEmpty() ? "" : "?" + String.join("&", query));

    BucketOrigin bucket = buckets.get(originId);
    if (bucket != null) {
      OriginResponse held = bucket.answer(request.method(), request.uri(), headers);
      URI fallback = bucketFallbacks.get(originId);
      if (held.status() != 403 || fallback == null || request.uri().length() < 2) {
        return held;
      }
      // The object is not the release's: the emulator's bucket may hold it, S3 path and all.
      return forward(
          request.method(),
          fallback.resolve(request.uri().substring(1)),
          new byte[0],
          Map.of("x-amz-cf-id", headers.get("x-amz-cf-id")));
    }
    URI origin = httpOrigins.get(originId);
    if (origin == null) {
      return error(502, "No origin stands in for " + originId);
    }
    return forward(request.method(), origin.resolve(pathAndQuery), request.body(), headers);
  }

  private OriginResponse forward(
      String method, URI target, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(forward::header);
    try {
      HttpResponse<byte[]> answer =
          client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new OriginResponse(answer.statusCode(), answer.headers().map(), answer.body());
    } catch (HttpTimeoutException e) {
      return error(504, "The origin did not answer in time");
    } catch (ConnectException e) {
      return error(502, "The origin refused the connection");
    } catch (IOException e) {
      return error(502, "The origin failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(502, "interrupted");
    }
  }

  // --- CloudFront Function events -----------------------------------------------------------

  private ObjectNode event(ViewerRequest request) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "1.0");
    ObjectNode context = event.putObject("context");
    context.put("distributionDomainName", edgeName);
    context.put("distributionId", "EDGESTANDIN");
    context.put("eventType", "viewer-request");
    context.put("requestId", requestId());
    event.putObject("viewer").put("ip", request.viewer().getAddress().getHostAddress());
    ObjectNode req = event.putObject("request");
    req.put("method", request.method());
    req.put("uri", request.uri());
    req.set("querystring", multiValues(request.query()));
    ObjectNode headers = req.putObject("headers");
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equals("cookie")) {
                ObjectNode header = headers.putObject(name);
                header.put("value", values.get(0));
                if (values.size() > 1) {
                  var multi = header.putArray("multiValue");
                  values.forEach(v -> multi.addObject().put("value", v));
                }
              }
            });
    req.set("cookies", multiValues(request.cookies()));
    return event;
  }

  private static ObjectNode multiValues(List<String[]> pairs) {
    ObjectNode node = JSON.createObjectNode();
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (String[] pair : pairs) {
      grouped.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1] == null ? "" : pair[1]);
    }
    grouped.forEach(
        (name, values) -> {
          ObjectNode value = node.putObject(name);
          value.put("value", values.get(0));
          if (values.size() > 1) {
            var multi = value.putArray("multiValue");
            values.forEach(v -> multi.addObject().put("value", v));
          }
        });
    return node;
  }

  private static ViewerRequest fromEvent(ViewerRequest before, JsonNode result) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = result.path("headers").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      headers.put(header.getKey().toLowerCase(Locale.ROOT), values(header.getValue()));
    }
    return new ViewerRequest(
        before.method(),
        result.path("uri").asText(before.uri()),
        unpair(result.path("querystring")),
        headers,
        unpair(result.path("cookies")),
        before.body(),
        before.viewer());
  }

  private static List<String> values(JsonNode value) {
    List<String> values = new ArrayList<>();
    if (value.has("multiValue")) {
      value.path("multiValue").forEach(v -> values.add(v.path("value").asText()));
    } else {
      values.add(value.path("value").asText());
    }
    return values;
  }

  private static List<String[]> unpair(JsonNode node) {
    List<String[]> pairs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      for (String value : values(entry.getValue())) {
        pairs.add(new String[] {entry.getKey(), value});
      }
    }
    return pairs;
  }

  private static OriginResponse functionResponse(JsonNode result) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = result.path("headers").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      headers.put(header.getKey(), values(header.getValue()));
    }
    String body =
        result.path("body").isObject()
            ? result.path("body").path("data").asText("")
            : result.path("body").asText("");
    return new OriginResponse(
        result.path("statusCode").asInt(), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static ViewerRequest withUri(ViewerRequest request, String uri) {
    return new ViewerRequest(
        request.method(),
        uri,
        request.query(),
        request.headers(),
        request.cookies(),
        request.body(),
        request.viewer());
  }

  // --- plumbing -------------------------------------------------------------------------------

  private void send(HttpExchange exchange, OriginResponse response) throws IOException {
    response
        .headers()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP_RESPONSE.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
              }
            });
    exchange.getResponseHeaders().set("Via", "1.1 " + edgeName + " (CloudFront)");
    exchange.getResponseHeaders().set("X-Cache", "Miss from cloudfront");
    exchange.getResponseHeaders().set("X-Amz-Cf-Id", requestId());
    boolean noBody =
        exchange.getRequestMethod().equals("HEAD")
            || response.status() == 204
            || response.status() == 304
            || response.body().length == 0;
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
    if (!noBody) {
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(response.body());
      }
    }
  }

  private static OriginResponse error(int status, String message) {
    return new OriginResponse(
        status,
        Map.of("Content-Type", List.of("text/html"), "Server", List.of("CloudFront")),
        ("<html><body><h1>" + status + " ERROR</h1><p>" + message + "</p></body></html>")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** {@code a=1&b} or {@code a=1; b=2} as name/value pairs, values left as sent. */
  private static List<String[]> pairs(String raw, String separator) {
    List<String[]> pairs = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      return pairs;
    }
    for (String part : raw.split(separator)) {
      String pair = part.trim();
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      pairs.add(
          eq < 0
              ? new String[] {pair, null}
              : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
    }
    return pairs;
  }

  private static String requestId() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
        .substring(0, 40);
  }

  private static List<EdgeDistribution.Behaviour> all(EdgeDistribution distribution) {
    List<EdgeDistribution.Behaviour> all = new ArrayList<>(distribution.behaviours());
    all.add(distribution.defaultBehaviour());
    return all;
  }

  /** The origin id for a role or an id of the template. */
  static String originId(EdgeDistribution distribution, String roleOrId) {
    String target = distribution.defaultBehaviour().targetOriginId();
    return switch (roleOrId) {
      case API -> distribution.onlyOrigin(EdgeDistribution.Origin.Kind.VPC).id();
      case STOREFRONT ->
          distribution
              .originGroup(target)
              .map(EdgeDistribution.OriginGroup::primaryOriginId)
              .orElse(target);
      case MAINTENANCE ->
          distribution
              .originGroup(target)
              .map(EdgeDistribution.OriginGroup::fallbackOriginId)
              .orElseThrow(() -> new IllegalStateException("No origin group: no maintenance"));
      default -> {
        if (!distribution.origins().containsKey(roleOrId)) {
          throw new IllegalArgumentException(
              "No origin " + roleOrId + " in " + distribution.origins().keySet());
        }
        yield roleOrId;
      }
    };
  }
}
