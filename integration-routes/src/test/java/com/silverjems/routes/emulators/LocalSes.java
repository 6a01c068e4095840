package com.silverjems.routes.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.springframework.web.util.HtmlUtils;

/**
 * The SES stand-in of the local run: answers SendRawEmail as SES does, keeps every email as {@code
 * <folder>/<time>-<id>.eml} (open it in any mail client) and {@code .html}, and lists them on
 * {@code http://localhost:<port>/}. Like SES's mailbox simulator, it then reports what happened
 * through {@code onSent}: a delivery, or a bounce for {@code bounce@simulator.amazonses.com}, a
 * complaint for {@code complaint@simulator.amazonses.com}.
 */
public final class LocalSes implements AutoCloseable {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

  private final HttpServer server;
  private final Path folder;
  private final BiConsumer<String, String> onSent;
  private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();

  private LocalSes(HttpServer server, Path folder, BiConsumer<String, String> onSent) {
    this.server = server;
    this.folder = folder;
    this.onSent = onSent;
  }

  /**
   * @param folder where mails are kept; null keeps nothing (the throughput benchmark's stub)
   * @param port 0 for a free one
   * @param onSent called with (SES event JSON, recipient) for each email, as SNS would publish;
   *     null reports nothing
   */
  public static LocalSes start(Path folder, int port, BiConsumer<String, String> onSent) {
    // Headers and body go out as two writes; with Nagle on, the second waits for the client's
    // delayed ACK (40 ms a send). Read once, when the JDK's server class initialises.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      if (folder != null) {
        Files.createDirectories(folder);
      }
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      LocalSes ses = new LocalSes(server, folder, onSent);
      server.createContext("/", ses::handle);
      server.setExecutor(Executors.newFixedThreadPool(16));
      server.start();
      return ses;
    } catch (IOException e) {
      throw new UncheckedIOException("The local SES stand-in could not start on port " + port, e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public Path folder() {
    return folder;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if ("POST".equals(exchange.getRequestMethod())) {
        send(exchange);
      } else if (exchange.getRequestURI().getPath().equals("/")) {
        respond(exchange, 200, "text/html; charset=utf-8", index());
      } else {
        Path file = folder.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
        if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
          respond(exchange, 404, "text/plain", "no such mail");
        } else {
          String type =
              file.toString().endsWith(".html") ? "text/html; charset=utf-8" : "message/rfc822";
          respond(exchange, 200, type, Files.readString(file));
        }
      }
    }
  }

  private void send(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(exchange.getRequestBody());
    if (!"SendRawEmail".equals(form.get("Action"))) {
      respond(
          exchange,
          400,
          "text/xml",
          error("InvalidAction", "The local SES stand-in only speaks SendRawEmail"));
      return;
    }
    byte[] raw = Base64.getDecoder().decode(form.get("RawMessage.Data"));
    String messageId =
        "0102local" + Long.toHexString(System.nanoTime()) + "-" + UUID.randomUUID() + "-000000";
    String recipient = form.getOrDefault("Destinations.member.1", "");
    if (folder != null) {
      keep(raw, FILE_TIME.format(Instant.now()) + "-" + messageId.substring(9, 25), recipient);
    }
    respond(
        exchange,
        200,
        "text/xml",
        """
        <SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
          <SendRawEmailResult><MessageId>%s</MessageId></SendRawEmailResult>
          <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
        </SendRawEmailResponse>
        """
            .formatted(messageId, UUID.randomUUID()));
    if (onSent != null) {
      // As SES does, report a moment later: by then the hub has recorded the send.
      String event = outcome(messageId, recipient);
      reporter.schedule(() -> onSent.accept(event, recipient), 1, TimeUnit.SECONDS);
    }
  }

  private void keep(byte[] raw, String base, String recipient) throws IOException {
    Files.write(folder.resolve(base + ".eml"), raw);
    try {
      MimeMessage message =
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
      Files.writeString(folder.resolve(base + ".html"), htmlOf(message));
      Files.writeString(folder.resolve(base + ".subject"), recipient + "\n" + message.getSubject());
    } catch (Exception e) {
      Files.writeString(
          folder.resolve(base + ".subject"),
          recipient + "\n(unreadable MIME: " + e.getMessage() + ")");
    }
  }

  private static String outcome(String messageId, String recipient) {
    return switch (recipient.toLowerCase(Locale.ROOT)) {
      case "bounce@simulator.amazonses.com" -> SesEvents.bounce(messageId, recipient, "Permanent");
      case "complaint@simulator.amazonses.com" -> SesEvents.complaint(messageId, recipient);
      case "ooto@simulator.amazonses.com" -> SesEvents.bounce(messageId, recipient, "Transient");
      default -> SesEvents.delivery(messageId, recipient);
    };
  }

  private static String htmlOf(MimeMessage message) throws Exception {
    Object content = message.getContent();
    if (content instanceof Multipart parts) {
      for (int i = parts.getCount() - 1; i >= 0; i--) {
        BodyPart part = parts.getBodyPart(i);
        if (part.isMimeType("text/html")) {
          return (String) part.getContent();
        }
      }
      return "<pre>" + HtmlUtils.htmlEscape((String) parts.getBodyPart(0).getContent()) + "</pre>";
    }
    return "<pre>" + HtmlUtils.htmlEscape(String.valueOf(content)) + "</pre>";
  }

  /** The mails, newest first: recipient, subject, links to the HTML and the .eml. */
  String index() throws IOException {
    List<Path> subjects;
    try (Stream<Path> files = Files.list(folder)) {
      subjects = new ArrayList<>(files.filter(f -> f.toString().endsWith(".subject")).toList());
    }
    subjects.sort(Comparator.comparing(Path::getFileName).reversed());
    StringBuilder rows = new StringBuilder();
    for (Path subject : subjects) {
      String base = subject.getFileName().toString().replace(".subject", "");
      String[] lines = Files.readString(subject).split("\n", 2);
      rows.append("<tr><td>")
          .append(HtmlUtils.htmlEscape(base.substring(0, 15)))
          .append("</td><td>")
          .append(HtmlUtils.htmlEscape(lines[0]))
          .append("</td><td><a href=\"/")
          .append(base)
          .append(".html\">")
          .append(HtmlUtils.htmlEscape(lines.length > 1 ? lines[1] : ""))
          .append("</a></td><td><a href=\"/")
          .append(base)
          .append(".eml\">.eml</a></td></tr>\n");
    }
    return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Local mail - Silver Jems</title>
        <style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 12px;text-align:left}</style></head>
        <body><h1>Mail sent by the local platform</h1><p>%d emails, newest first (files in %s).</p>
        <table><tr><th>sent (UTC)</th><th>to</th><th>subject</th><th>raw</th></tr>
        %s</table></body></html>
        """
        .formatted(subjects.size(), HtmlUtils.htmlEscape(folder.toAbsolutePath().toString()), rows);
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static String error(String code, String message) {
    return """
        <ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
          <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
          <RequestId>%s</RequestId>
        </ErrorResponse>
        """
        .formatted(code, message, UUID.randomUUID());
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    reporter.shutdownNow();
    server.stop(0);
  }
}
