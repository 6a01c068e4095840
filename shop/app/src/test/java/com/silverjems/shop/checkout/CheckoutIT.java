package com.silverjems.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.EventSchemas;
import com.silverjems.shop.ShopIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CheckoutIT extends ShopIntegrationTest {

  @Autowired private MeterRegistry meters;

  private double checkouts(String outcome) {
    return meters.get("silverjems.checkout").tag("outcome", outcome).counter().count();
  }

  @Test
  void placesTheOrderTakesTheStockAndWritesOrderPlacedTogether() throws Exception {
    String sku = newProduct(3, 4200);
    String cart = cartWith(sku, 2);

    Answer answer = post("/api/checkout", checkoutBody(cart), "Idempotency-Key", key());

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.header("Idempotent-Replayed")).isNull();
    JsonNode order = answer.body().get("order");
    assertThat(order.get("status").asText()).isEqualTo("placed");
    assertThat(order.get("number").asText()).matches("SJ-\\d{4}-\\d{6}");
    assertThat(order.get("totalMinor").asLong()).isEqualTo(8400);
    assertThat(answer.header("Location")).isEqualTo("/api/orders/" + order.get("number").asText());
    JsonNode payment = answer.body().get("payment");
    assertThat(payment.get("intentId").asText()).startsWith("pi_local_");
    assertThat(payment.get("status").asText()).isEqualTo("pending");
    assertThat(stockOf(sku)).isEqualTo(1);
    assertThat(cartStatus(cart)).isEqualTo("checked_out");

    String orderId = order.get("id").asText();
    List<Map<String, Object>> events = events(orderId);
    assertThat(events).extracting(e -> e.get("event_type")).containsExactly("order-placed");
    JsonNode payload = json.readTree((String) events.get(0).get("payload"));
    assertThat(EventSchemas.violations("order-placed", 1, payload)).isEmpty();
    assertThat(payload.get("lines").get(0).get("sku").asText()).isEqualTo(sku);
    assertThat(payload.get("shippingAddress").get("country").asText()).isEqualTo("GB");
  }

  @Test
  void theSameKeyAndBodyReplayTheFirstResult() {
    String sku = newProduct(5, 3000);
    String cart = cartWith(sku, 1);
    String key = key();

    Answer first = post("/api/checkout", checkoutBody(cart), "Idempotency-Key", key);
    Answer again = post("/api/checkout", checkoutBody(cart), "Idempotency-Key", key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(ordersOfCart(cart)).isEqualTo(1);
    assertThat(stockOf(sku)).isEqualTo(4);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedWith422() {
    String sku = newProduct(5, 3000);
    String cart = cartWith(sku, 1);
    String key = key();
    assertThat(post("/api/checkout", checkoutBody(cart), "Idempotency-Key", key).status())
        .isEqualTo(201);

    Map<String, Object> other = new HashMap<>(checkoutBody(cart));
    other.put("email", "someone.else@example.com");
    Answer answer = post("/api/checkout", other, "Idempotency-Key", key);

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.body().get("type").asText()).endsWith("/idempotency-key-reused");
    assertThat(ordersOfCart(cart)).isEqualTo(1);
  }

  @Test
  void concurrentDuplicatesOfOneKeyPlaceOneOrderAndAllGetIt() throws Exception {
    String sku = newProduct(5, 3000);
    String cart = cartWith(sku, 1);
    String key = key();
    int duplicates = 10;
    ExecutorService pool = Executors.newFixedThreadPool(duplicates);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Answer>> futures = new ArrayList<>();
      for (int i = 0; i < duplicates; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return post("/api/checkout", checkoutBody(cart), "Idempotency-Key", key);
                }));
      }
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get());
      }

      assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
      assertThat(answers)
          .extracting(a -> a.body().get("order").get("id").asText())
          .containsOnly(answers.get(0).body().get("order").get("id").asText());
      assertThat(answers)
          .filteredOn(a -> "true".equals(a.header("Idempotent-Replayed")))
          .hasSize(duplicates - 1);
      assertThat(answers)
          .extracting(a -> a.body().get("payment").get("intentId").asText())
          .containsOnly(answers.get(0).body().get("payment").get("intentId").asText());
      assertThat(ordersOfCart(cart)).isEqualTo(1);
      assertThat(stockOf(sku)).isEqualTo(4);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRefusalIsReplayedToo() {
    String sku = newProduct(1, 3000);
    String mine = cartWith(sku, 1);
    // My hold lapsed while I looked elsewhere; someone else buys the piece.
    jdbc.sql(
            "UPDATE stock_reservation SET expires_at = now() - interval '1 minute'"
                + " WHERE cart_id = CAST(:cart AS UUID)")
        .param("cart", mine)
        .update();
    String theirs = cartWith(sku, 1);
    assertThat(post("/api/checkout", checkoutBody(theirs), "Idempotency-Key", key()).status())
        .isEqualTo(201);
    String key = key();
    double outOfStock = checkouts("out_of_stock");
    double replayed = checkouts("replayed");

    Answer first = post("/api/checkout", checkoutBody(mine), "Idempotency-Key", key);
    // Counted by the refusal's type (OutOfStock), not by its problem's type string.
    assertThat(checkouts("out_of_stock")).isEqualTo(outOfStock + 1);
    Answer again = post("/api/checkout", checkoutBody(mine), "Idempotency-Key", key);
    assertThat(checkouts("replayed")).isEqualTo(replayed + 1);
    assertThat(checkouts("out_of_stock")).isEqualTo(outOfStock + 1);

    assertThat(first.status()).isEqualTo(409);
    assertThat(first.body().get("type").asText()).endsWith("/out-of-stock");
    assertThat(first.body().get("detail").asText()).isEqualTo(sku + " is out of stock.");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(cartStatus(mine)).isEqualTo("open");
  }

  @Test
  void pricesAreCheckedAgainAtCheckout() {
    String sku = newProduct(5, 5000);
    String cart = cartWith(sku, 2);
    put(
        "/api/admin/variants/" + sku + "/price",
        Map.of("priceMinor", 5500, "currency", "GBP"),
        admin());
    double failed = checkouts("failed");

    Answer refused = post("/api/checkout", checkoutBody(cart), "Idempotency-Key", key());
    // Any refusal but out of stock counts as failed.
    assertThat(checkouts("failed")).isEqualTo(failed + 1);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("type").asText()).endsWith("/prices-changed");
    assertThat(refused.body().get("changes").get(0).get("wasMinor").asLong()).isEqualTo(5000);
    assertThat(refused.body().get("changes").get(0).get("nowMinor").asLong()).isEqualTo(5500);
    assertThat(stockOf(sku)).isEqualTo(5);
    assertThat(get("/api/cart/" + cart).body().get("items").get(0).get("unitPriceMinor").asLong())
        .isEqualTo(5500);

    Answer placed = post("/api/checkout", checkoutBody(cart), "Idempotency-Key", key());
    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.body().get("order").get("totalMinor").asLong()).isEqualTo(11000);
  }

  @Test
  void theKeyIsRequiredAndTheBodyValidatedFieldByField() {
    String cart = UUID.randomUUID().toString();
    Answer noKey = post("/api/checkout", checkoutBody(cart));
    assertThat(noKey.status()).isEqualTo(400);
    assertThat(noKey.header("Content-Type")).startsWith("application/problem+json");
    assertThat(noKey.body().get("detail").asText()).contains("Idempotency-Key");

    Answer longKey = post("/api/checkout", checkoutBody(cart), "Idempotency-Key", "k".repeat(256));
    assertThat(longKey.status()).isEqualTo(400);
    assertThat(longKey.body().get("type").asText()).endsWith("/idempotency-key-invalid");

    Answer malformed = post("/api/checkout", "{\"cartId\":".getBytes(), "Idempotency-Key", key());
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");

    Map<String, Object> bad = new HashMap<>(checkoutBody(cart));
    bad.put("email", "not-an-email");
    bad.put(
        "shippingAddress", Map.of("line1", "", "city", "Bath", "postcode", "X", "country", "gb"));
    Answer invalid = post("/api/checkout", bad, "Idempotency-Key", key());
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().get("type").asText()).endsWith("/invalid-request");
    assertThat(invalid.body().get("errors"))
        .extracting(e -> e.get("field").asText())
        .containsExactly("email", "shippingAddress.country", "shippingAddress.line1");
  }

  @Test
  void signedInShoppersSeeTheirOwnOrdersOnly() {
    UUID account = UUID.randomUUID();
    String email = "sam-" + account + "@example.com";
    String[] sam = shopper(account, email);
    String sku = newProduct(5, 2500);
    String cart = cartWith(sku, 1, sam);
    Map<String, Object> body = new HashMap<>(checkoutBody(cart));
    body.put("email", email);
    String number =
        post("/api/checkout", body, concat(sam, "Idempotency-Key", key()))
            .body()
            .get("order")
            .get("number")
            .asText();

    Answer history = get("/api/orders", sam);
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.body()).extracting(o -> o.get("number").asText()).containsExactly(number);
    assertThat(get("/api/orders/" + number, sam).body().get("status").asText()).isEqualTo("placed");

    String[] other = shopper(UUID.randomUUID(), "other@example.com");
    assertThat(get("/api/orders/" + number, other).status()).isEqualTo(404);
    assertThat(get("/api/orders", other).body()).isEmpty();
    Answer anonymous = get("/api/orders");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body().get("type").asText()).endsWith("/sign-in-required");
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private String cartStatus(String cart) {
    return jdbc.sql("SELECT status FROM cart WHERE id = CAST(:id AS UUID)")
        .param("id", cart)
        .query(String.class)
        .single();
  }

  private int ordersOfCart(String cart) {
    return jdbc.sql("SELECT count(*) FROM customer_order WHERE cart_id = CAST(:id AS UUID)")
        .param("id", cart)
        .query(Integer.class)
        .single();
  }

  private List<Map<String, Object>> events(String orderId) {
    return jdbc.sql(
            "SELECT event_type, CAST(payload AS TEXT) AS payload FROM outbox_event"
                + " WHERE aggregate_type = 'order' AND aggregate_id = :id ORDER BY created_at")
        .param("id", orderId)
        .query()
        .listOfRows();
  }
}
