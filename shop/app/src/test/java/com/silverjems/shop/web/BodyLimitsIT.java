package com.silverjems.shop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.ShopIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unbounded bodies (issue 15, item 4): the payment webhook used to read a body of any size before
 * checking its signature, and every JSON endpoint any size at all. Over the limit: 413 problem
 * details, whether the body declares its size or streams it chunked, and nothing is recorded.
 */
class BodyLimitsIT extends ShopIntegrationTest {

  private static final byte[] MEGABYTE = filled(1024 * 1024);

  @Test
  void aWebhookBodyOverItsLimitIsRefusedWith413BeforeItsSignatureIsChecked() throws Exception {
    int before = webhookEvents();

    HttpResponse<String> declared = webhook(HttpRequest.BodyPublishers.ofByteArray(MEGABYTE));
    HttpResponse<String> chunked =
        webhook(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(MEGABYTE)));

    for (HttpResponse<String> response : java.util.List.of(declared, chunked)) {
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      assertThat(json.readTree(response.body()).path("type").asText())
          .isEqualTo("https://silverjems.example/problems/body-too-large");
      assertThat(json.readTree(response.body()).path("maxBytes").asLong()).isEqualTo(256 * 1024);
    }
    assertThat(webhookEvents()).isEqualTo(before);
  }

  @Test
  void aWebhookBodyUnderItsLimitStillReachesTheSignatureCheck() throws Exception {
    HttpResponse<String> response =
        webhook(HttpRequest.BodyPublishers.ofByteArray(filled(100 * 1024)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("type").asText())
        .endsWith("/webhook-signature-invalid");
  }

  @Test
  void aJsonBodyOverItsLimitIsRefusedWith413() {
    String sku = newProduct(3, 1000);
    String cart = cartWith(sku, 1);
    String padding = "x".repeat(100 * 1024);

    Answer answer =
        put("/api/cart/" + cart + "/items/" + sku, Map.of("quantity", 2, "padding", padding));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.body().path("type").asText()).endsWith("/body-too-large");
    assertThat(answer.body().path("maxBytes").asLong()).isEqualTo(64 * 1024);
    assertThat(get("/api/cart/" + cart).body().path("items").path(0).path("quantity").asInt())
        .isEqualTo(1);
  }

  private HttpResponse<String> webhook(HttpRequest.BodyPublisher body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/payments/webhook"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Stripe-Signature", "t=1,v1=00")
            .POST(body)
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private int webhookEvents() {
    return jdbc.sql("SELECT count(*) FROM payment_webhook_event").query(Integer.class).single();
  }

  private static byte[] filled(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'a');
    return bytes;
  }
}
