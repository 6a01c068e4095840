package com.silverjems.shop.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StripeWebhookSignatureTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SECRET = "whsec_test_secret";
  private static final byte[] EVENT =
      """
      {"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1",\
      "amount":6500,"currency":"gbp"}}}"""
          .getBytes(StandardCharsets.UTF_8);

  private final StripeWebhookSignature signature =
      new StripeWebhookSignature(SECRET, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void acceptsAFreshCorrectSignatureAndReadsTheEvent() {
    ProviderEvent event =
        signature.verify(EVENT, StripeWebhookSignature.header(SECRET, EVENT, NOW), json);
    assertThat(event)
        .isEqualTo(new ProviderEvent("evt_1", "payment_intent.succeeded", "pi_1", 6500, "GBP"));
  }

  @Test
  void matchesStripesDocumentedScheme() {
    // HMAC-SHA256("whsec_test_secret", "1772366400." + payload), computed independently.
    String header =
        StripeWebhookSignature.header(SECRET, "{}".getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(header).isEqualTo("t=1772366400,v1=" + hmacHex(SECRET, "1772366400.{}"));
  }

  @Test
  void acceptsAnyOfSeveralSignaturesDuringSecretRotation() {
    String header =
        "t="
            + NOW.getEpochSecond()
            + ",v1=00ff,"
            + StripeWebhookSignature.header(SECRET, EVENT, NOW).split(",")[1];
    assertThat(signature.verify(EVENT, header, json).id()).isEqualTo("evt_1");
  }

  @Test
  void refusesAnotherSecretATamperedPayloadAndMalformedHeaders() {
    String wrongSecret = StripeWebhookSignature.header("whsec_other", EVENT, NOW);
    String good = StripeWebhookSignature.header(SECRET, EVENT, NOW);
    byte[] tampered = new String(EVENT, StandardCharsets.UTF_8).replace("6500", "1").getBytes();
    for (Runnable attempt :
        new Runnable[] {
          () -> signature.verify(EVENT, wrongSecret, json),
          () -> signature.verify(tampered, good, json),
          () -> signature.verify(EVENT, null, json),
          () -> signature.verify(EVENT, "", json),
          () -> signature.verify(EVENT, "t=abc,v1=zz", json),
          () -> signature.verify(EVENT, "v1=" + good.split("v1=")[1], json),
        }) {
      assertThatThrownBy(attempt::run).isInstanceOf(WebhookSignatureInvalid.class);
    }
  }

  @Test
  void refusesTimestampsOutsideTheTolerance() {
    Instant old = NOW.minus(Duration.ofMinutes(5).plusSeconds(1));
    Instant early = NOW.plus(Duration.ofMinutes(6));
    assertThatThrownBy(
            () -> signature.verify(EVENT, StripeWebhookSignature.header(SECRET, EVENT, old), json))
        .isInstanceOf(WebhookTimestampStale.class)
        .hasMessageContaining("301 s");
    assertThatThrownBy(
            () ->
                signature.verify(EVENT, StripeWebhookSignature.header(SECRET, EVENT, early), json))
        .isInstanceOf(WebhookTimestampStale.class);
    Instant justInside = NOW.minus(Duration.ofMinutes(5));
    assertThat(
            signature.verify(EVENT, StripeWebhookSignature.header(SECRET, EVENT, justInside), json))
        .isNotNull();
  }

  @Test
  void aSignedPayloadThatIsNotAnEventIsRefused() {
    byte[] notAnEvent = "[1,2]".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                signature.verify(
                    notAnEvent, StripeWebhookSignature.header(SECRET, notAnEvent, NOW), json))
        .isInstanceOf(WebhookSignatureInvalid.class);
  }

  private static String hmacHex(String secret, String message) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
