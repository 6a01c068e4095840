package com.silverjems.shop.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signing scheme: header {@code Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "t.payload">} (several v1 during a secret rotation). The timestamp is signed too,
 * so an attacker cannot refresh an old event; events older than the tolerance are refused.
 */
final class StripeWebhookSignature {

  private final String secret;
  private final Duration tolerance;
  private final Clock clock;

  StripeWebhookSignature(String secret, Duration tolerance, Clock clock) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("A webhook signing secret is required");
    }
    this.secret = secret;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /** The header a provider would send with {@code payload} at {@code timestamp}. */
  static String header(String secret, byte[] payload, Instant timestamp) {
    long t = timestamp.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, payload));
  }

  /** Verifies the header, then reads the event. */
  ProviderEvent verify(byte[] payload, String header, ObjectMapper json) {
    if (header == null || header.isBlank()) {
      throw new WebhookSignatureInvalid("no signature header");
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      try {
        if (key.equals("t")) {
          timestamp = Long.parseLong(value);
        } else if (key.equals("v1")) {
          signatures.add(HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT)));
        }
      } catch (IllegalArgumentException malformed) {
        throw new WebhookSignatureInvalid("malformed signature header");
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw new WebhookSignatureInvalid("signature header lacks t or v1");
    }
    byte[] expected = hmac(secret, timestamp, payload);
    // Constant-time comparison: timing must not reveal how much of a forgery was right.
    if (signatures.stream().noneMatch(candidate -> MessageDigest.isEqual(expected, candidate))) {
      throw new WebhookSignatureInvalid("signature does not match");
    }
    Duration age = Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs();
    if (age.compareTo(tolerance) > 0) {
      throw new WebhookTimestampStale(age, tolerance);
    }
    return parse(payload, json);
  }

  private static ProviderEvent parse(byte[] payload, ObjectMapper json) {
    try {
      JsonNode event = json.readTree(payload);
      JsonNode object = event.path("data").path("object");
      String type = required(event, "type");
      List<ProviderEvent.RefundUpdate> refunds = new ArrayList<>();
      String intentId = object.path("id").asText(null);
      if (type.equals(ProviderEvent.REFUND_UPDATED)) {
        refunds.add(refund(object));
        intentId = object.path("payment_intent").asText(null);
      } else if (type.equals(ProviderEvent.CHARGE_REFUNDED)) {
        object.path("refunds").path("data").forEach(refund -> refunds.add(refund(refund)));
        intentId = object.path("payment_intent").asText(null);
      }
      return new ProviderEvent(
          required(event, "id"),
          type,
          intentId,
          object.path("amount").asLong(-1),
          object.path("currency").asText("").toUpperCase(Locale.ROOT),
          List.copyOf(refunds));
    } catch (IOException | IllegalArgumentException e) {
      throw new WebhookSignatureInvalid("signed payload is not an event");
    }
  }

  private static ProviderEvent.RefundUpdate refund(JsonNode refund) {
    return new ProviderEvent.RefundUpdate(
        refund.path("id").asText(null),
        refund.path("metadata").path("refund_id").asText(null),
        StripePaymentProvider.refundStatus(refund.path("status").asText("pending")),
        refund.path("failure_reason").asText(null));
  }

  private static String required(JsonNode node, String field) {
    String value = node.path(field).asText(null);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("event has no " + field);
    }
    return value;
  }

  private static byte[] hmac(String secret, long timestamp, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
