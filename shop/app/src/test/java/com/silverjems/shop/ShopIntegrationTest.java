package com.silverjems.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.shop.testing.Browser;
import com.silverjems.testsupport.TestPostgres;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop on a real PostgreSQL with the demo catalogue, the local payment provider and no Redis,
 * shared by the commerce integration tests (one Spring context for all of them). Each test makes
 * its own products, so tests never depend on each other's stock.
 *
 * <p>Requests go through the shop's real security: {@link #admin()} and {@link #shopper} sign in
 * through the API (password, and TOTP for the admin) and give the headers of that session (its
 * cookies and the CSRF token echoed in {@code X-XSRF-TOKEN}, as the storefront does). Anonymous
 * changes carry an anonymous CSRF token the same way, except the payment webhook, which a provider
 * calls without any cookie.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "silverjems.payments.provider=local",
      "silverjems.payments.local.webhook-secret=" + ShopIntegrationTest.WEBHOOK_SECRET,
      "silverjems.catalog.cache.enabled=false",
      // Every anonymous request of these tests comes from 127.0.0.1; HoardingIT tests the limit.
      "silverjems.cart.new-carts-per-address=1000000",
      "silverjems.catalog.images-base-url=https://images.test.example",
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo"
    })
@AutoConfigureObservability
public abstract class ShopIntegrationTest {

  public static final String WEBHOOK_SECRET = "whsec_integration_tests";
  private static final AtomicInteger products = new AtomicInteger();
  private static TestPostgres.Database database;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    synchronized (ShopIntegrationTest.class) {
      if (database == null) {
        database = TestPostgres.shared().newDatabase("commerce", true);
      }
    }
    database.springProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected ObjectMapper json;
  @Autowired private PasswordEncoder passwords;

  protected final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** An HTTP answer with its body parsed (null when empty). */
  public record Answer(int status, java.net.http.HttpHeaders headers, JsonNode body) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  protected Answer get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  protected Answer post(String path, Object body, String... headers) {
    return send("POST", path, body, headers);
  }

  protected Answer put(String path, Object body, String... headers) {
    return send("PUT", path, body, headers);
  }

  protected Answer delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  protected Answer send(String method, String path, Object body, String... headers) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .timeout(Duration.ofSeconds(60));
      byte[] bytes =
          body == null
              ? new byte[0]
              : body instanceof byte[] raw ? raw : json.writeValueAsBytes(body);
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(bytes));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      String[] all = withAnonymousCsrf(method, path, headers);
      for (int i = 0; i < all.length; i += 2) {
        request.header(all[i], all[i + 1]);
      }
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode parsed = response.body().length == 0 ? null : json.readTree(response.body());
      return new Answer(response.statusCode(), response.headers(), parsed);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A published product of its own, with one variant: its SKU. Test products live in their own
   * category so that the demo catalogue's listings stay as the demo data says.
   */
  protected String newProduct(int stock, long priceMinor) {
    jdbc.sql(
            "INSERT INTO category (slug, name, position) VALUES ('workshop-tests', 'Tests', 99)"
                + " ON CONFLICT (slug) DO NOTHING")
        .update();
    int n = products.incrementAndGet();
    String slug = "test-piece-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
    String sku = "TST-" + n + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    Answer product =
        post(
            "/api/admin/products",
            Map.of(
                "slug",
                slug,
                "name",
                "Test Piece " + n,
                "description",
                "A piece made for one test.",
                "category",
                "workshop-tests",
                "published",
                true),
            admin());
    if (product.status() != 201) {
      throw new IllegalStateException("Could not create product: " + product);
    }
    Answer variant =
        post(
            "/api/admin/products/" + slug + "/variants",
            Map.of(
                "sku",
                sku,
                "metal",
                "silver",
                "purity",
                "925",
                "size",
                "M",
                "weightGrams",
                3.2,
                "priceMinor",
                priceMinor,
                "currency",
                "GBP",
                "stock",
                stock),
            admin());
    if (variant.status() != 201) {
      throw new IllegalStateException("Could not create variant: " + variant);
    }
    return sku;
  }

  /** The session of the tests' admin (password + TOTP), renewed before its 15 minutes end. */
  private static volatile String[] adminSession;

  private static volatile Instant adminSessionSince = Instant.EPOCH;

  private String[] anonymousCsrf;

  /**
   * The headers of a full admin session (password and TOTP): the same admin for every test, whose
   * account id is the audit log's actor ({@link #adminAccountId()}).
   */
  protected String[] admin() {
    synchronized (ShopIntegrationTest.class) {
      if (adminSession == null
          || adminSessionSince.isBefore(Instant.now().minus(Duration.ofMinutes(10)))) {
        adminSession = enrolledAdminSession();
        adminSessionSince = Instant.now();
      }
      return adminSession;
    }
  }

  /** The account id of {@link #admin()}: the principal name the audit log records. */
  protected UUID adminAccountId() {
    admin();
    return adminAccountId;
  }

  private static volatile UUID adminAccountId;

  private String[] enrolledAdminSession() {
    String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@silverjems.example";
    String password = "admin password " + UUID.randomUUID();
    UUID id = createAccount(UUID.randomUUID(), email, password, "SHOPPER", "ADMIN");
    Browser browser = signIn(email, password);
    Browser.Response enrolment = browser.post("/api/auth/mfa/enrolment", null);
    if (enrolment.status() != 200) {
      throw new IllegalStateException("MFA enrolment failed: " + enrolment);
    }
    String secret = enrolment.json().path("secret").asText();
    // Confirming enrolment with a first code upgrades the session to a full admin session.
    Browser.Response confirmed =
        browser.post("/api/auth/mfa/enrolment/confirm", Map.of("code", totp(secret)));
    if (confirmed.status() != 200) {
      throw new IllegalStateException("MFA confirmation failed: " + confirmed);
    }
    adminAccountId = id;
    return sessionHeaders(browser);
  }

  /**
   * The headers of a signed-in shopper's session: account {@code accountId} with the verified
   * address {@code email}, made for the test if it does not exist yet.
   */
  protected String[] shopper(UUID accountId, String email) {
    String password = "shopper password " + accountId;
    createAccount(accountId, email, password, "SHOPPER");
    return sessionHeaders(signIn(email, password));
  }

  private UUID createAccount(UUID id, String email, String password, String... roles) {
    jdbc.sql(
            """
            INSERT INTO account (id, email, email_normalized, display_name, password_hash,
                                 email_verified_at, roles)
            VALUES (:id, :email, lower(:email), 'Test', :hash, now(), :roles)
            ON CONFLICT (id) DO NOTHING
            """)
        .param("id", id)
        .param("email", email)
        .param("hash", passwords.encode(password))
        .param("roles", roles)
        .update();
    return id;
  }

  private Browser signIn(String email, String password) {
    Browser browser = new Browser(port);
    Browser.Response response =
        browser.post("/api/auth/login", Map.of("email", email, "password", password));
    if (response.status() != 200) {
      throw new IllegalStateException("Sign-in of " + email + " failed: " + response);
    }
    return browser;
  }

  private static String totp(String secret) {
    try {
      return new DefaultCodeGenerator().generate(secret, Instant.now().getEpochSecond() / 30);
    } catch (CodeGenerationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a browser sends with that session: its cookies, the CSRF token, its client address. */
  private static String[] sessionHeaders(Browser browser) {
    return new String[] {
      "Cookie",
      browser.cookieHeader(),
      "X-XSRF-TOKEN",
      browser.cookie("XSRF-TOKEN").orElseThrow(),
      "X-Forwarded-For",
      browser.clientAddress()
    };
  }

  /**
   * A change without a session still needs the CSRF token (the cart and guest checkout are public,
   * not exempt); the payment webhook is the one route a provider calls without any cookie.
   */
  private String[] withAnonymousCsrf(String method, String path, String[] headers) {
    boolean changes = !method.equals("GET") && !method.equals("HEAD");
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("Cookie")) {
        return headers;
      }
    }
    if (!changes || path.startsWith("/api/payments/webhook")) {
      return headers;
    }
    if (anonymousCsrf == null) {
      Browser browser = new Browser(port);
      browser.get("/api/auth/csrf");
      anonymousCsrf = sessionHeaders(browser);
    }
    List<String> all = new ArrayList<>(List.of(headers));
    all.addAll(List.of(anonymousCsrf));
    return all.toArray(String[]::new);
  }

  /** A new anonymous cart holding {@code quantity} of {@code sku}: the cart id. */
  protected String cartWith(String sku, int quantity, String... headers) {
    Answer cart = post("/api/cart", null, headers);
    String id = cart.body().get("id").asText();
    Answer added = put("/api/cart/" + id + "/items/" + sku, Map.of("quantity", quantity), headers);
    if (added.status() != 200) {
      throw new IllegalStateException("Could not add " + sku + ": " + added);
    }
    return id;
  }

  protected static Map<String, Object> checkoutBody(String cartId) {
    return Map.of(
        "cartId",
        cartId,
        "email",
        "jo@example.com",
        "name",
        "Jo Bloggs",
        "shippingAddress",
        Map.of("line1", "1 High Street", "city", "Bath", "postcode", "BA1 1AA", "country", "GB"));
  }

  protected int stockOf(String sku) {
    return jdbc.sql("SELECT stock FROM product_variant WHERE sku = :sku")
        .param("sku", sku)
        .query(Integer.class)
        .single();
  }
}
