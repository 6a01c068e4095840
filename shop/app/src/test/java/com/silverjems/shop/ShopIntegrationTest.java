package com.silverjems.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.shop.shopper.ShopperPrincipal;
import com.silverjems.testsupport.TestPostgres;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The shop on a real PostgreSQL with the demo catalogue, the local payment provider and no Redis,
 * shared by the commerce integration tests (one Spring context for all of them). Each test makes
 * its own products, so tests never depend on each other's stock.
 *
 * <p>Until identity puts Spring Security in front, a test filter turns the {@code X-Test-Principal}
 * header into the request's principal: {@code shopper:<account uuid>:<email>} or {@code
 * admin:<name>}. Identity replaces it with real sessions.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "silverjems.payments.provider=local",
      "silverjems.payments.local.webhook-secret=" + ShopIntegrationTest.WEBHOOK_SECRET,
      "silverjems.catalog.cache.enabled=false",
      "silverjems.catalog.images-base-url=https://images.test.example",
      "spring.flyway.locations=classpath:db/migration,classpath:db/demo"
    })
@AutoConfigureObservability
@Import(ShopIntegrationTest.TestPrincipals.class)
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
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
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
            ADMIN);
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
            ADMIN);
    if (variant.status() != 201) {
      throw new IllegalStateException("Could not create variant: " + variant);
    }
    return sku;
  }

  protected static final String[] ADMIN = {"X-Test-Principal", "admin:ada@silverjems.example"};

  protected static String[] shopper(UUID accountId, String email) {
    return new String[] {"X-Test-Principal", "shopper:" + accountId + ":" + email};
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

  /** Turns the X-Test-Principal header into the request's principal. */
  @TestConfiguration
  static class TestPrincipals {
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> testPrincipalFilter() {
      FilterRegistrationBean<OncePerRequestFilter> registration =
          new FilterRegistrationBean<>(
              new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(
                    HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                  String header = request.getHeader("X-Test-Principal");
                  if (header == null) {
                    chain.doFilter(request, response);
                    return;
                  }
                  Principal principal = principal(header);
                  chain.doFilter(
                      new HttpServletRequestWrapper(request) {
                        @Override
                        public Principal getUserPrincipal() {
                          return principal;
                        }
                      },
                      response);
                }
              });
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }

    private static Principal principal(String header) {
      String[] parts = header.split(":", 3);
      if (parts[0].equals("shopper")) {
        UUID account = UUID.fromString(parts[1]);
        String email = parts[2];
        return new ShopperPrincipal() {
          @Override
          public UUID accountId() {
            return account;
          }

          @Override
          public String email() {
            return email;
          }

          @Override
          public String getName() {
            return email;
          }
        };
      }
      String name = parts[1];
      return () -> name;
    }
  }
}
