package com.silverjems.shop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A browser as the shop's storefront script is one: it keeps cookies (the session, XSRF-TOKEN),
 * echoes the CSRF cookie in X-XSRF-TOKEN on every change, never follows redirects by itself, and
 * comes from its own client address (a one-hop X-Forwarded-For, whose right-most hop the shop takes
 * when no CloudFront-Viewer-Address is present), so the per-address rate limits of one test do not
 * spill into another.
 *
 * <p>Cookies are kept whatever their Secure flag: the tests speak plain HTTP to localhost.
 */
public final class Browser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final String clientAddress;
  private boolean sendCsrfToken = true;

  public Browser(int port) {
    this(port, randomAddress());
  }

  public Browser(int port, String clientAddress) {
    this.base = "http://localhost:" + port;
    this.clientAddress = clientAddress;
  }

  private static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  public String clientAddress() {
    return clientAddress;
  }

  /** Stops echoing the CSRF cookie (a cross-site form post would not have it either). */
  public Browser withoutCsrfToken() {
    sendCsrfToken = false;
    return this;
  }

  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  /** The cookies this browser would send, as a {@code Cookie} header value. */
  public String cookieHeader() {
    return String.join(
        "; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList());
  }

  public void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  public void forgetCookie(String name) {
    cookies.remove(name);
  }

  public Response get(String pathOrUrl) {
    return send("GET", pathOrUrl, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, body);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** Sends a request; {@code body} is serialised to JSON unless it is a String already. */
  public Response send(String method, String pathOrUrl, Object body) {
    boolean changes = !method.equals("GET") && !method.equals("HEAD");
    if (changes && sendCsrfToken && !cookies.containsKey("XSRF-TOKEN")) {
      get("/api/auth/csrf");
    }
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("X-Forwarded-For", clientAddress);
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
    }
    if (changes && sendCsrfToken && cookies.containsKey("XSRF-TOKEN")) {
      request.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      keepCookies(response.headers().allValues("Set-Cookie"));
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void keepCookies(List<String> setCookies) {
    for (String header : setCookies) {
      String[] parts = header.split(";");
      String[] pair = parts[0].split("=", 2);
      String name = pair[0].trim();
      String value = pair.length > 1 ? pair[1].trim() : "";
      boolean expired = value.isEmpty();
      for (int i = 1; i < parts.length; i++) {
        String attribute = parts[i].trim().toLowerCase();
        if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
          expired = true;
        }
      }
      if (expired) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  /** A response, with its body as text and as JSON. */
  public record Response(int status, HttpHeaders headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
