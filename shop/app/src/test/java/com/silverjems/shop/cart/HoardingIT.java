package com.silverjems.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.ShopIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The anti-hoarding bounds against the real app: a cart holds at most a few pieces, its holds end a
 * fixed time after the first whatever the renewals, and one address opens only so many carts. Short
 * settings here (own application context) so the attack plays out in seconds.
 */
@TestPropertySource(
    properties = {
      "silverjems.cart.reservation-ttl=3s",
      "silverjems.cart.reservation-lifetime=4s",
      "silverjems.cart.max-pieces-per-cart=3",
      "silverjems.cart.new-carts-per-address=2",
      "silverjems.cart.new-carts-window=1h"
    })
class HoardingIT extends ShopIntegrationTest {

  private static final Duration LIFETIME = Duration.ofSeconds(4);
  private static final int CARTS_PER_ADDRESS = 2;

  @Test
  void aHoardingScriptRenewingCartsCannotKeepARealShopperFromBuyingTheLastPiece() throws Exception {
    String sku = newProduct(1, 25000);
    String[] bot = from(address());
    String[] shopper = from(address());
    AtomicInteger botHolds = new AtomicInteger();
    AtomicInteger botRefusedCarts = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    // The script: hold the piece, renew it every 200 ms, open a new cart as soon as a hold lapses.
    String firstBotCart = cartWith(sku, 1, bot);
    botHolds.incrementAndGet();
    Thread script =
        new Thread(
            () -> {
              String cart = firstBotCart;
              while (!stop.get()) {
                Answer renewed =
                    cart == null
                        ? null
                        : put("/api/cart/" + cart + "/items/" + sku, Map.of("quantity", 1), bot);
                if (renewed == null || !heldNow(renewed)) {
                  Answer opened = post("/api/cart", null, bot);
                  if (opened.status() == 201) {
                    cart = opened.body().get("id").asText();
                    if (put("/api/cart/" + cart + "/items/" + sku, Map.of("quantity", 1), bot)
                            .status()
                        == 200) {
                      botHolds.incrementAndGet();
                    }
                  } else {
                    botRefusedCarts.incrementAndGet();
                    cart = null;
                  }
                }
                sleep(200);
              }
            },
            "hoarding-script");
    script.start();
    try {
      Instant start = Instant.now();
      String cart = post("/api/cart", null, shopper).body().get("id").asText();
      int refusals = 0;
      Answer added;
      while ((added = put("/api/cart/" + cart + "/items/" + sku, Map.of("quantity", 1), shopper))
              .status()
          == 409) {
        assertThat(added.body().get("type").asText()).endsWith("/out-of-stock");
        refusals++;
        assertThat(Duration.between(start, Instant.now()))
            .isLessThan(LIFETIME.multipliedBy(CARTS_PER_ADDRESS + 2));
        sleep(250);
      }
      assertThat(added.status()).isEqualTo(200);
      Answer bought =
          post(
              "/api/checkout", checkoutBody(cart), "Idempotency-Key", UUID.randomUUID().toString());
      Duration took = Duration.between(start, Instant.now());

      assertThat(bought.status()).isEqualTo(201);
      assertThat(refusals).as("the script held the piece first").isPositive();
      // At most one lifetime per cart the address may open, plus polling slack.
      assertThat(took).isLessThan(LIFETIME.multipliedBy(CARTS_PER_ADDRESS).plusSeconds(3));
      assertThat(stockOf(sku)).isZero();
    } finally {
      stop.set(true);
      script.join();
    }
    assertThat(botHolds.get()).isBetween(1, CARTS_PER_ADDRESS);
  }

  @Test
  void aCartHoldsAtMostItsCapOfPiecesAndSaysHowManyMoreFit() {
    String[] me = from(address());
    String ring = newProduct(5, 1000);
    String chain = newProduct(5, 1000);
    String cart = cartWith(ring, 2, me);

    Answer over = put("/api/cart/" + cart + "/items/" + chain, Map.of("quantity", 2), me);

    assertThat(over.status()).isEqualTo(409);
    assertThat(over.header("Content-Type")).startsWith("application/problem+json");
    assertThat(over.body().get("type").asText()).endsWith("/cart-full");
    assertThat(over.body().get("available").asInt()).isEqualTo(1);
    assertThat(over.body().get("detail").asText()).contains("at most 3 pieces");
    assertThat(put("/api/cart/" + cart + "/items/" + chain, Map.of("quantity", 1), me).status())
        .isEqualTo(200);
    // Changing a line counts the line's new quantity, not old plus new.
    assertThat(put("/api/cart/" + cart + "/items/" + ring, Map.of("quantity", 2), me).status())
        .isEqualTo(200);
  }

  @Test
  void renewalsNeverHoldPastTheCartsLifetimeButCheckoutStillSellsWhatIsFree() {
    String[] me = from(address());
    String sku = newProduct(1, 1000);
    String cart = cartWith(sku, 1, me);
    Instant holdsUntil =
        jdbc.sql("SELECT holds_until FROM cart WHERE id = CAST(:id AS UUID)")
            .param("id", cart)
            .query(java.sql.Timestamp.class)
            .single()
            .toInstant();
    assertThat(holdsUntil).isBefore(Instant.now().plus(LIFETIME).plusSeconds(1));
    jdbc.sql(
            "UPDATE cart SET holds_until = now() - interval '1 second' WHERE id = CAST(:id AS UUID)")
        .param("id", cart)
        .update();

    Answer renewed = put("/api/cart/" + cart + "/items/" + sku, Map.of("quantity", 1), me);

    assertThat(renewed.status()).isEqualTo(200);
    assertThat(heldNow(renewed)).isFalse();
    String[] other = from(address());
    String theirs = post("/api/cart", null, other).body().get("id").asText();
    assertThat(put("/api/cart/" + theirs + "/items/" + sku, Map.of("quantity", 1), other).status())
        .isEqualTo(200);
    // The lapsed cart's item is still there; its checkout is refused only because it is held.
    jdbc.sql(
            "UPDATE stock_reservation SET expires_at = now() + interval '1 hour'"
                + " WHERE cart_id = CAST(:id AS UUID)")
        .param("id", theirs)
        .update();
    Answer refused =
        post("/api/checkout", checkoutBody(cart), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(refused.status()).isEqualTo(409);
  }

  @Test
  void anAddressWhoseHoldRanOutCannotHoldThePieceAgainInAnotherCart() {
    String[] bot = from(address());
    String sku = newProduct(1, 1000);
    String first = cartWith(sku, 1, bot);
    jdbc.sql(
            "UPDATE cart SET holds_until = now() - interval '1 second' WHERE id = CAST(:id AS UUID)")
        .param("id", first)
        .update();
    jdbc.sql(
            "UPDATE stock_reservation SET expires_at = now() - interval '1 second'"
                + " WHERE cart_id = CAST(:id AS UUID)")
        .param("id", first)
        .update();

    String second = post("/api/cart", null, bot).body().get("id").asText();
    Answer again = put("/api/cart/" + second + "/items/" + sku, Map.of("quantity", 1), bot);

    assertThat(again.status()).isEqualTo(200);
    assertThat(heldNow(again)).as("the item is kept but not held").isFalse();
    String[] shopper = from(address());
    String theirs = post("/api/cart", null, shopper).body().get("id").asText();
    assertThat(
            put("/api/cart/" + theirs + "/items/" + sku, Map.of("quantity", 1), shopper).status())
        .isEqualTo(200);
  }

  @Test
  void oneAddressOpensOnlySoManyCartsAndIsToldWhenToComeBack() {
    String[] me = from(address());
    for (int i = 0; i < CARTS_PER_ADDRESS; i++) {
      assertThat(post("/api/cart", null, me).status()).isEqualTo(201);
    }

    Answer refused = post("/api/cart", null, me);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.body().get("type").asText()).endsWith("/too-many-carts");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    assertThat(post("/api/cart", null, from(address())).status()).isEqualTo(201);
  }

  private static boolean heldNow(Answer cart) {
    JsonNode until = cart.body().path("items").path(0).path("reservedUntil");
    return !until.isMissingNode()
        && !until.isNull()
        && Instant.parse(until.asText()).isAfter(Instant.now());
  }

  private static String[] from(String address) {
    return new String[] {"CloudFront-Viewer-Address", address + ":443"};
  }

  private static String address() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
