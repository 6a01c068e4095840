package com.silverjems.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shop as deployed: real PostgreSQL, Flyway on start, actuator and metrics exposed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class ShopApplicationIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    // Schema only: the application's own Flyway must be able to finish the job in production.
    TestPostgres.Database database = TestPostgres.shared().newEmptyDatabase("shop_app");
    database.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.flyway.locations", () -> "classpath:db/migration,classpath:db/demo");
    // Production's provider, with secrets as the environment would give them (never called here).
    registry.add("STRIPE_API_KEY", () -> "sk_test_not_used");
    registry.add("SILVERJEMS_PAYMENTS_WEBHOOK_SECRET", () -> "whsec_not_used");
    registry.add("IMAGES_BASE_URL", () -> "https://images.test.example/");
    registry.add("silverjems.catalog.cache.enabled", () -> "false");
  }

  @Autowired TestRestTemplate http;

  @Test
  void livenessAndReadinessAreUp() {
    assertThat(http.getForObject("/actuator/health/liveness", String.class)).contains("\"UP\"");
    assertThat(http.getForObject("/actuator/health/readiness", String.class)).contains("\"UP\"");
  }

  @Test
  void listsTheCatalogueFromPostgresql() {
    ResponseEntity<String> response =
        http.getForEntity("/api/products?category=rings", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody())
        .contains("\"slug\":\"hammered-band-ring\"")
        .contains("\"priceFromMinor\":6500")
        .doesNotContain("pebble-pendant-necklace");
  }

  @Test
  void aBadPageIsAProblemDetail() {
    ResponseEntity<String> response = http.getForEntity("/api/products?size=1000", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody()).contains("size must be between 1 and 100, was 1000");
  }

  @Test
  void aNonNumericPageIsAProblemDetailToo() {
    ResponseEntity<String> response = http.getForEntity("/api/products?page=two", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void exportsPrometheusMetricsWithTheApplicationTag() {
    http.getForObject("/api/categories", String.class);
    String metrics = http.getForObject("/actuator/prometheus", String.class);
    assertThat(metrics)
        .contains("http_server_requests_seconds_bucket{application=\"shop\"")
        .contains("uri=\"/api/categories\"")
        .contains("hikaricp_connections_active");
  }

  @Test
  void everyLabelValueOfTheShopsOwnMetricsExistsFromStartUp() {
    // Dashboards and alerts query these series; they must exist at 0 before the first event.
    String metrics = http.getForObject("/actuator/prometheus", String.class);
    for (String outcome :
        new String[] {"placed", "out_of_stock", "replayed", "conflict", "failed"}) {
      assertThat(metrics)
          .containsPattern("silverjems_checkout_total\\{[^}]*outcome=\"" + outcome + "\"");
    }
    for (String outcome : new String[] {"accepted", "bad_signature", "stale", "duplicate"}) {
      assertThat(metrics)
          .containsPattern("silverjems_payment_webhook_total\\{[^}]*outcome=\"" + outcome + "\"");
    }
    for (String cache : new String[] {"product-list", "product-detail"}) {
      for (String result : new String[] {"hit", "miss", "error"}) {
        assertThat(metrics)
            .containsPattern(
                "silverjems_cache_requests_total\\{[^}]*cache=\""
                    + cache
                    + "\"[^}]*result=\""
                    + result
                    + "\"");
      }
    }
  }

  @Test
  void servesItsOpenApiDescription() {
    ResponseEntity<String> response = http.getForEntity("/api/openapi", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody())
        .contains("\"openapi\"")
        .contains("/api/products/{slug}")
        .contains("/api/checkout")
        .contains("/api/payments/webhook")
        .contains("/api/admin/orders/{number}/transitions")
        .contains("\"ProductDetail\"")
        .contains("\"CheckoutRequest\"");
  }
}
