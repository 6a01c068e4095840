package com.silverjems.infra.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A browser at its own address: HTTP/1.1 over a socket bound to {@code address} (any of 127.0.0.0/8
 * on Linux), so the edge sees a distinct viewer, as CloudFront sees a shopper's IP. Keeps cookies
 * (whatever their Secure flag) and echoes {@code XSRF-TOKEN} as {@code X-XSRF-TOKEN} on changes, as
 * the storefront's script does. Extra headers are sent as given: a forger's.
 */
public final class Viewer {

  private final InetAddress address;
  private final URI edge;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public Viewer(String address, URI edge) {
    try {
      this.address = InetAddress.getByName(address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.edge = edge;
  }

  public String address() {
    return address.getHostAddress();
  }

  /** An answer: status, headers (lower-case names) and body. */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  public Response get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  /** A JSON change, with the CSRF token fetched first if the viewer has none yet. */
  public Response post(String path, String json, String... headers) {
    if (!cookies.containsKey("XSRF-TOKEN")) {
      get("/api/auth/csrf");
    }
    return send("POST", path, json, headers);
  }

  public Response send(String method, String path, String json, String... headers) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(address, 0));
      socket.connect(new InetSocketAddress(edge.getHost(), edge.getPort()), 5_000);
      socket.setSoTimeout(60_000);
      byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder();
      request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(edge.getHost()).append(':').append(edge.getPort());
      request.append("\r\nConnection: close\r\nAccept: application/json\r\n");
      if (json != null) {
        request.append("Content-Type: application/json\r\n");
      }
      request.append("Content-Length: ").append(body.length).append("\r\n");
      if (!cookies.isEmpty()) {
        List<String> pairs = new ArrayList<>();
        cookies.forEach((name, value) -> pairs.add(name + "=" + value));
        request.append("Cookie: ").append(String.join("; ", pairs)).append("\r\n");
      }
      if (!method.equals("GET") && cookies.containsKey("XSRF-TOKEN")) {
        request.append("X-XSRF-TOKEN: ").append(cookies.get("XSRF-TOKEN")).append("\r\n");
      }
      for (int i = 0; i < headers.length; i += 2) {
        request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " from " + address, e);
    }
  }

  private Response read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String raw = new String(all, StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      if (name.equals("set-cookie")) {
        String pair = value.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String cookie = pair.substring(0, eq).trim();
        String cookieValue = pair.substring(eq + 1).trim();
        if (cookieValue.isEmpty()) {
          cookies.remove(cookie);
        } else {
          cookies.put(cookie, cookieValue);
        }
      }
    }
    // The edge answers with Content-Length and closes: the rest of the stream is the body.
    String body = new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8);
    return new Response(status, headers, body);
  }
}
