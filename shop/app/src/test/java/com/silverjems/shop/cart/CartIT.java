package com.silverjems.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.ShopIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CartIT extends ShopIntegrationTest {

  @Test
  void aCartChangeWithoutTheCsrfTokenIsRefusedAndANonShopperCannotMerge() throws Exception {
    // A cross-site form post carries no X-XSRF-TOKEN: the cart is public, not CSRF-exempt.
    HttpResponse<String> forged =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cart"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);

    String cart = cartWith(newProduct(2, 1000), 1);
    assertThat(post("/api/cart/" + cart + "/merge", null).status()).isEqualTo(401);
  }

  @Test
  void addingAnItemHoldsItsStockForTheCartForAWhile() {
    String sku = newProduct(1, 9900);
    String mine = cartWith(sku, 1);
    JsonNode item = get("/api/cart/" + mine).body().get("items").get(0);
    // The last piece: held briefly (LastPieceIT), the ordinary hold is 15 minutes.
    assertThat(Instant.parse(item.get("reservedUntil").asText()))
        .isAfter(Instant.now().plusSeconds(4 * 60));

    String theirs = post("/api/cart", null).body().get("id").asText();
    Answer refused = put("/api/cart/" + theirs + "/items/" + sku, Map.of("quantity", 1));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("type").asText()).endsWith("/out-of-stock");

    assertThat(delete("/api/cart/" + mine + "/items/" + sku).status()).isEqualTo(200);
    assertThat(put("/api/cart/" + theirs + "/items/" + sku, Map.of("quantity", 1)).status())
        .isEqualTo(200);
  }

  @Test
  void anExpiredHoldNoLongerCounts() {
    String sku = newProduct(1, 9900);
    String mine = cartWith(sku, 1);
    jdbc.sql(
            "UPDATE stock_reservation SET expires_at = now() - interval '1 second'"
                + " WHERE cart_id = CAST(:cart AS UUID)")
        .param("cart", mine)
        .update();

    String theirs = post("/api/cart", null).body().get("id").asText();
    assertThat(put("/api/cart/" + theirs + "/items/" + sku, Map.of("quantity", 1)).status())
        .isEqualTo(200);
  }

  @Test
  void signingInMergesTheAnonymousCartIntoTheShoppersCart() {
    String ring = newProduct(5, 4000);
    String chain = newProduct(5, 3000);
    UUID account = UUID.randomUUID();
    String[] kim = shopper(account, "kim@example.com");
    String accountCart = cartWith(ring, 1, kim);
    String anonymous = cartWith(ring, 2);
    put("/api/cart/" + anonymous + "/items/" + chain, Map.of("quantity", 1));

    Answer merged = post("/api/cart/" + anonymous + "/merge", null, kim);

    assertThat(merged.status()).isEqualTo(200);
    assertThat(merged.body().get("id").asText()).isEqualTo(accountCart);
    assertThat(merged.body().get("items"))
        .extracting(i -> i.get("sku").asText() + "x" + i.get("quantity").asInt())
        .containsExactlyInAnyOrder(ring + "x2", chain + "x1");
    assertThat(merged.body().get("totalMinor").asLong()).isEqualTo(2 * 4000 + 3000);
    assertThat(get("/api/cart/" + anonymous).body().get("status").asText()).isEqualTo("merged");
    assertThat(
            jdbc.sql(
                    "SELECT coalesce(sum(quantity), 0) FROM stock_reservation"
                        + " WHERE cart_id = CAST(:cart AS UUID)")
                .param("cart", accountCart)
                .query(Integer.class)
                .single())
        .isEqualTo(3);
    assertThat(put("/api/cart/" + anonymous + "/items/" + ring, Map.of("quantity", 1)).status())
        .isEqualTo(409);
    // Signing in again on another device finds the same cart.
    assertThat(post("/api/cart", null, kim).body().get("id").asText()).isEqualTo(accountCart);
  }

  @Test
  void aShoppersCartIsTheirsAlone() {
    String sku = newProduct(5, 4000);
    String[] kim = shopper(UUID.randomUUID(), "kim2@example.com");
    String cart = cartWith(sku, 1, kim);

    assertThat(get("/api/cart/" + cart).status()).isEqualTo(404);
    assertThat(get("/api/cart/" + cart, shopper(UUID.randomUUID(), "eve@example.com")).status())
        .isEqualTo(404);
    assertThat(get("/api/cart/" + cart, kim).status()).isEqualTo(200);
    Answer notSignedIn = post("/api/cart/" + UUID.randomUUID() + "/merge", null);
    assertThat(notSignedIn.status()).isEqualTo(401);
  }

  @Test
  void quantitiesAreValidatedAndUnknownSkusRefused() {
    String cart = post("/api/cart", null).body().get("id").asText();

    Answer zero = put("/api/cart/" + cart + "/items/RNG-HAM-J", Map.of("quantity", 0));
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.body().get("errors").get(0).get("field").asText()).isEqualTo("quantity");
    assertThat(zero.body().get("errors").get(0).get("message").asText())
        .isEqualTo("must be at least 1");

    Answer unknown = put("/api/cart/" + cart + "/items/NOPE-1", Map.of("quantity", 1));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("type").asText()).endsWith("/unknown-sku");
  }
}
