package com.silverjems.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.ShopIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The last piece is held only while its holder goes on to check out: a hold that leaves nothing for
 * anyone else lasts {@code silverjems.cart.last-piece-hold} (5 minutes by default, against 15 for
 * an ordinary hold) and is never renewed; checkout takes the stock for the order. The cart code
 * reads the database's clock, so time passing is played by moving the hoarder's cart deadlines back
 * (the same shift for all of them), not by sleeping.
 */
class LastPieceIT extends ShopIntegrationTest {

  private static final Duration LAST_PIECE_HOLD = Duration.ofMinutes(5);

  @Test
  void aHoarderWhoNeverChecksOutLosesTheLastPieceToARealShopperAfterTheShortHold() {
    String sku = newProduct(1, 25000);
    String[] bot = from(address());
    String[] shopper = from(address());
    String botCart = cartWith(sku, 1, bot);

    JsonNode held = line(get("/api/cart/" + botCart, bot));
    assertThat(held.get("hold").asText()).isEqualTo("last-piece");
    Instant until = Instant.parse(held.get("reservedUntil").asText());
    assertThat(until).isBefore(Instant.now().plus(LAST_PIECE_HOLD).plusSeconds(30));
    // The script renews: the deadline stays where it was.
    JsonNode renewed = line(put("/api/cart/" + botCart + "/items/" + sku, qty(1), bot));
    assertThat(Instant.parse(renewed.get("reservedUntil").asText())).isEqualTo(until);
    String theirs = post("/api/cart", null, shopper).body().get("id").asText();
    Answer refused = put("/api/cart/" + theirs + "/items/" + sku, qty(1), shopper);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("type").asText()).endsWith("/out-of-stock");

    timePasses(LAST_PIECE_HOLD.plusSeconds(1), botCart);

    // Renewing, removing and re-adding, or a fresh cart from the same address: none holds it again.
    JsonNode lapsed = line(put("/api/cart/" + botCart + "/items/" + sku, qty(1), bot));
    assertThat(lapsed.get("hold").asText()).isEqualTo("not-held");
    assertThat(delete("/api/cart/" + botCart + "/items/" + sku, bot).status()).isEqualTo(200);
    assertThat(
            line(put("/api/cart/" + botCart + "/items/" + sku, qty(1), bot)).get("hold").asText())
        .isEqualTo("not-held");
    String botAgain = post("/api/cart", null, bot).body().get("id").asText();
    assertThat(
            line(put("/api/cart/" + botAgain + "/items/" + sku, qty(1), bot)).get("hold").asText())
        .isEqualTo("not-held");

    Answer added = put("/api/cart/" + theirs + "/items/" + sku, qty(1), shopper);
    assertThat(added.status()).isEqualTo(200);
    assertThat(line(added).get("hold").asText()).isEqualTo("last-piece");
    Answer bought =
        post(
            "/api/checkout", checkoutBody(theirs), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(bought.status()).isEqualTo(201);
    assertThat(stockOf(sku)).isZero();
  }

  @Test
  void aShopperWhoStartsCheckoutInTimeKeepsTheLastPieceForTheWholeCheckout() {
    String sku = newProduct(1, 25000);
    String[] me = from(address());
    String mine = cartWith(sku, 1, me);

    Answer placed =
        post("/api/checkout", checkoutBody(mine), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.body().path("order").path("status").asText()).isEqualToIgnoringCase("placed");
    // The order, awaiting its payment, now has the piece: the short hold ending changes nothing.
    timePasses(LAST_PIECE_HOLD.plusMinutes(1), mine);

    String[] other = from(address());
    String theirs = post("/api/cart", null, other).body().get("id").asText();
    Answer refused = put("/api/cart/" + theirs + "/items/" + sku, qty(1), other);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("type").asText()).endsWith("/out-of-stock");
    assertThat(stockOf(sku)).isZero();
  }

  @Test
  void aShopperWhoseShortHoldRanOutStillBuysThePieceWhileNobodyElseHoldsIt() {
    String sku = newProduct(1, 25000);
    String[] me = from(address());
    String mine = cartWith(sku, 1, me);

    timePasses(LAST_PIECE_HOLD.plusSeconds(1), mine);

    assertThat(line(get("/api/cart/" + mine, me)).get("hold").asText()).isEqualTo("not-held");
    Answer bought =
        post("/api/checkout", checkoutBody(mine), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(bought.status()).isEqualTo(201);
  }

  @Test
  void onlyTheHoldThatTakesTheLastPieceIsShort() {
    String sku = newProduct(2, 1000);
    String[] me = from(address());
    String mine = cartWith(sku, 1, me);

    JsonNode first = line(get("/api/cart/" + mine, me));
    assertThat(first.get("hold").asText()).isEqualTo("held");
    assertThat(Instant.parse(first.get("reservedUntil").asText()))
        .isAfter(Instant.now().plus(Duration.ofMinutes(14)));

    String[] other = from(address());
    String theirs = cartWith(sku, 1, other);
    JsonNode last = line(get("/api/cart/" + theirs, other));
    assertThat(last.get("hold").asText()).isEqualTo("last-piece");
    assertThat(Instant.parse(last.get("reservedUntil").asText()))
        .isBefore(Instant.now().plus(LAST_PIECE_HOLD).plusSeconds(30));
  }

  @Test
  void signingInDoesNotStartANewLastPieceHold() {
    String sku = newProduct(1, 25000);
    String anonymous = cartWith(sku, 1);
    timePasses(LAST_PIECE_HOLD.plusSeconds(1), anonymous);

    Answer merged =
        post(
            "/api/cart/" + anonymous + "/merge",
            null,
            shopper(UUID.randomUUID(), "last-piece@example.com"));

    assertThat(merged.status()).isEqualTo(200);
    assertThat(line(merged).get("hold").asText()).isEqualTo("not-held");
  }

  /** {@code elapsed} passes for one cart: its hold deadlines move that much into the past. */
  private void timePasses(Duration elapsed, String cartId) {
    String interval = elapsed.toSeconds() + " seconds";
    jdbc.sql(
            "UPDATE stock_reservation SET expires_at = expires_at - CAST(:elapsed AS INTERVAL)"
                + " WHERE cart_id = CAST(:cart AS UUID)")
        .param("elapsed", interval)
        .param("cart", cartId)
        .update();
    jdbc.sql(
            "UPDATE cart SET holds_until = holds_until - CAST(:elapsed AS INTERVAL),"
                + " created_at = created_at - CAST(:elapsed AS INTERVAL)"
                + " WHERE id = CAST(:cart AS UUID)")
        .param("elapsed", interval)
        .param("cart", cartId)
        .update();
  }

  private static JsonNode line(Answer cart) {
    assertThat(cart.status()).as("%s", cart.body()).isEqualTo(200);
    return cart.body().get("items").get(0);
  }

  private static Map<String, Object> qty(int quantity) {
    return Map.of("quantity", quantity);
  }

  private static String[] from(String address) {
    return new String[] {"CloudFront-Viewer-Address", address + ":443"};
  }

  private static String address() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }
}
