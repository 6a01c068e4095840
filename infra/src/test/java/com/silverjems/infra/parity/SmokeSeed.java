package com.silverjems.infra.parity;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.emulators.SesStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * What the release's smoke checks need to find in an environment, made the way production gets it
 * (CONTRIBUTING.md, "Release smoke checks"): a catalogue (production has one; here the demo
 * catalogue's SQL), a verified shopper (registered, the link of the verification email SES got
 * followed) and an admin enrolled in two-step verification (the first-admin link the shop printed,
 * enrolment, its TOTP secret kept) — all through the shop's own API, nothing written behind its
 * back but the catalogue.
 */
final class SmokeSeed {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The values the smoke-checks secret holds in production. */
  record Accounts(
      String shopperEmail,
      String shopperPassword,
      String adminEmail,
      String adminPassword,
      String adminTotpSecret) {
    Map<String, String> environment() {
      return Map.of(
          "SMOKE_SHOPPER_EMAIL", shopperEmail,
          "SMOKE_SHOPPER_PASSWORD", shopperPassword,
          "SMOKE_ADMIN_EMAIL", adminEmail,
          "SMOKE_ADMIN_PASSWORD", adminPassword,
          "SMOKE_ADMIN_TOTP_SECRET", adminTotpSecret);
    }
  }

  private SmokeSeed() {}

  /** Loads the demo catalogue into the shop's database. */
  static void catalogue(DataSource database, Path sql) throws Exception {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(Files.readString(sql));
    }
  }

  static Accounts accounts(URI shop, List<String> shopLog, SesStub ses) throws Exception {
    String adminEmail = "smoke-admin@example.com";
    String adminPassword = password();
    String totpSecret = firstAdmin(shop, shopLog, adminEmail, adminPassword);
    String shopperEmail = "smoke-shopper+" + System.nanoTime() + "@example.com";
    String shopperPassword = password();
    shopper(shop, ses, shopperEmail, shopperPassword);
    return new Accounts(shopperEmail, shopperPassword, adminEmail, adminPassword, totpSecret);
  }

  /** The first-admin link of the shop's log accepted, then enrolment: answers the TOTP secret. */
  private static String firstAdmin(URI shop, List<String> log, String email, String password)
      throws Exception {
    String line =
        log.stream()
            .filter(l -> l.contains("FIRST-ADMIN-LINK"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the shop printed no FIRST-ADMIN-LINK"));
    Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(line);
    if (!token.find()) {
      throw new IllegalStateException("no token in " + line);
    }
    Session session = new Session(shop);
    session.send(
        "POST",
        "/api/auth/admin-invitation",
        Map.of("token", token.group(1), "email", email, "password", password),
        200);
    session.send("POST", "/api/auth/login", Map.of("email", email, "password", password), 200);
    String secret =
        session.send("POST", "/api/auth/mfa/enrolment", Map.of(), 200).path("secret").asText();
    // The previous step's code (accepted: one step of skew): the smoke's sign-in moments later
    // then uses the current step's code without waiting for a fresh one.
    long step = Instant.now().getEpochSecond() / 30 - 1;
    session.send(
        "POST", "/api/auth/mfa/enrolment/confirm", Map.of("code", totp(secret, step)), 200);
    return secret;
  }

  private static void shopper(URI shop, SesStub ses, String email, String password)
      throws Exception {
    Session session = new Session(shop);
    session.send(
        "POST",
        "/api/auth/register",
        Map.of("email", email, "password", password, "displayName", "Smoke shopper"),
        202);
    Pattern link = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_%-]+)");
    Function<SesStub.SentMail, String> tokenOf =
        mail -> {
          try {
            Matcher m = link.matcher(text(mail.message().getContent()));
            return m.find() ? m.group(1) : null;
          } catch (Exception e) {
            return null;
          }
        };
    String[] token = new String[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              for (SesStub.SentMail mail : ses.accepted()) {
                if (email.equalsIgnoreCase(mail.destination()) && tokenOf.apply(mail) != null) {
                  token[0] = tokenOf.apply(mail);
                  return true;
                }
              }
              return false;
            });
    session.send("POST", "/api/auth/email-verification", Map.of("token", token[0]), 204);
  }

  /** Every text part of the email, decoded (quoted-printable or base64 alike). */
  private static String text(Object content) throws Exception {
    if (content instanceof String string) {
      return string;
    }
    StringBuilder text = new StringBuilder();
    if (content instanceof jakarta.mail.Multipart parts) {
      for (int i = 0; i < parts.getCount(); i++) {
        text.append(text(parts.getBodyPart(i).getContent())).append('\n');
      }
    }
    return text.toString();
  }

  static String totp(String base32, long step) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(base32Decode(base32), "HmacSHA1"));
    byte[] digest = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    int offset = digest[digest.length - 1] & 0x0F;
    int code = (ByteBuffer.wrap(digest, offset, 4).getInt() & 0x7FFFFFFF) % 1_000_000;
    return String.format("%06d", code);
  }

  private static byte[] base32Decode(String base32) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    String clean = base32.replace("=", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    var out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : clean.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  private static String password() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return "Smoke-" + HexFormat.of().formatHex(bytes);
  }

  /**
   * A browser's session with the shop: its cookies (kept by hand: java.net.CookieManager holds back
   * Secure cookies over plain HTTP) and the CSRF token echoed in X-XSRF-TOKEN.
   */
  private static final class Session {
    private final URI shop;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Session(URI shop) {
      this.shop = shop;
    }

    JsonNode send(String method, String path, Map<String, String> body, int expected)
        throws Exception {
      if (!cookies.containsKey("XSRF-TOKEN")) {
        exchange("GET", "/api/auth/csrf", null);
      }
      HttpResponse<String> response = exchange(method, path, JSON.writeValueAsString(body));
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      // A new session may come with a new token.
      exchange("GET", "/api/auth/csrf", null);
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private HttpResponse<String> exchange(String method, String path, String body)
        throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(shop.resolve(path))
              .timeout(Duration.ofSeconds(60))
              .header("Accept", "application/json");
      if (!cookies.isEmpty()) {
        request.header(
            "Cookie",
            String.join(
                "; ",
                cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      if (cookies.containsKey("XSRF-TOKEN")) {
        request.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty()) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return response;
    }
  }
}
