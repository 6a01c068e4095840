package com.silverjems.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.ShopIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The one-of-a-kind piece: 50 shoppers press "pay" at the same moment and exactly one gets it.
 * Every cart holds the piece (stock was 50 when they added it, then the admin corrected it to 1),
 * so no shopper is turned away early: the race is decided by checkout alone.
 */
class CheckoutConcurrencyIT extends ShopIntegrationTest {

  private static final int SHOPPERS = 50;
  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(SHOPPERS);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @RepeatedTest(20)
  void fiftyParallelCheckoutsOfOnePieceMakeOneOrderAndFortyNineOutOfStockProblems()
      throws Exception {
    String sku = newProduct(SHOPPERS, 14500);
    List<Future<String>> carts = new ArrayList<>();
    for (int i = 0; i < SHOPPERS; i++) {
      carts.add(pool.submit(() -> cartWith(sku, 1)));
    }
    List<String> cartIds = new ArrayList<>();
    for (Future<String> cart : carts) {
      cartIds.add(cart.get());
    }
    assertThat(put("/api/admin/variants/" + sku + "/stock", Map.of("stock", 1), admin()).status())
        .isEqualTo(200);

    CountDownLatch start = new CountDownLatch(1);
    List<Future<Answer>> checkouts = new ArrayList<>();
    for (String cartId : cartIds) {
      checkouts.add(
          pool.submit(
              () -> {
                start.await();
                return post(
                    "/api/checkout",
                    checkoutBody(cartId),
                    "Idempotency-Key",
                    UUID.randomUUID().toString());
              }));
    }
    start.countDown();
    List<Answer> answers = new ArrayList<>();
    for (Future<Answer> checkout : checkouts) {
      answers.add(checkout.get());
    }

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    List<Answer> refused = answers.stream().filter(a -> a.status() != 201).toList();
    assertThat(refused)
        .hasSize(SHOPPERS - 1)
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo(409);
              assertThat(a.header("Content-Type")).startsWith("application/problem+json");
              assertThat(a.body().get("type").asText()).endsWith("/out-of-stock");
              assertThat(a.body().get("title").asText()).isEqualTo("Out of stock");
              assertThat(a.body().get("detail").asText()).isEqualTo(sku + " is out of stock.");
            });
    assertThat(stockOf(sku)).isZero();
    assertThat(
            jdbc.sql("SELECT count(*) FROM order_line WHERE sku = :sku")
                .param("sku", sku)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE event_type = 'order-placed'"
                        + " AND payload -> 'lines' -> 0 ->> 'sku' = :sku")
                .param("sku", sku)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }
}
