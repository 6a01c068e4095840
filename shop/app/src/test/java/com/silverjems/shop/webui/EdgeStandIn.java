package com.silverjems.shop.webui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Production's edge in miniature: static files straight from the build output (as CloudFront serves
 * them from S3) and {@code /api/*} forwarded to the shop (CloudFront's ALB origin). When the shop
 * is stopped, the static files keep coming and the API answers 502 Bad Gateway, exactly the
 * situation the storefront's degraded mode is for.
 */
final class EdgeStandIn implements AutoCloseable {

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "webmanifest", "application/manifest+json",
          "json", "application/json");

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "host",
          "keep-alive",
          "transfer-encoding",
          "upgrade",
          "expect",
          "te",
          "trailer",
          "http2-settings");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private volatile int originPort;

  private EdgeStandIn() throws IOException {
    this.executor = Executors.newCachedThreadPool();
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts the edge; {@link #forwardTo} names the origin once it runs. */
  static EdgeStandIn start() {
    try {
      return new EdgeStandIn();
    } catch (IOException e) {
      throw new IllegalStateException("could not start the edge stand-in", e);
    }
  }

  void forwardTo(RunningShop shop) {
    this.originPort = shop.port();
  }

  String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/api/")) {
        forward(exchange);
      } else {
        serveStatic(exchange, path);
      }
    }
  }

  private void serveStatic(HttpExchange exchange, String path) throws IOException {
    // Clean addresses, as CloudFront's viewer-request function maps them: /account -> account.html.
    String file = path.endsWith("/") ? path + "index.html" : path;
    if (!file.substring(file.lastIndexOf('/') + 1).contains(".")) {
      file = file + ".html";
    }
    if (file.contains("..")) {
      send(exchange, 400, "text/plain", "bad path");
      return;
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("static" + file)) {
      if (in == null) {
        send(exchange, 404, "text/plain", "Not Found");
        return;
      }
      String extension = file.substring(file.lastIndexOf('.') + 1);
      byte[] body = in.readAllBytes();
      exchange
          .getResponseHeaders()
          .set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private void forward(HttpExchange exchange) throws IOException {
    URI target = URI.create("http://localhost:" + originPort + exchange.getRequestURI().toString());
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
              }
            });
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    request.method(
        exchange.getRequestMethod(),
        requestBody.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // What CloudFront answers when its origin refuses connections.
      send(
          exchange,
          502,
          "text/html",
          "<html><body><h1>502 ERROR</h1><p>The request could not be satisfied.</p></body></html>");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(exchange, 504, "text/plain", "interrupted");
      return;
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
