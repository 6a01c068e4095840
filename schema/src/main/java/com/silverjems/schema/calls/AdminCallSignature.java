package com.silverjems.schema.calls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the shop proves to the email hub that a call to the hub's admin API comes from it, on behalf
 * of which admin: an HMAC-SHA256, under a key both get from Secrets Manager, over the method, the
 * path and query, a timestamp, the admin's account id and the body's digest. Both sides use this
 * one class, so the header names and what is signed cannot drift apart.
 *
 * <p>A signature is valid for {@link #VALIDITY} either side of the hub's clock: long enough for
 * clock skew inside one VPC, short enough that a captured request is useless soon after.
 */
public final class AdminCallSignature {

  public static final String ACTOR_HEADER = "X-Silverjems-Actor";
  public static final String TIMESTAMP_HEADER = "X-Silverjems-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Silverjems-Signature";
  public static final Duration VALIDITY = Duration.ofSeconds(60);

  /** Characters; Secrets Manager generates 64. */
  public static final int MIN_KEY_LENGTH = 32;

  private static final String VERSION = "v1=";

  /** What the hub concluded about a request. */
  public enum Verdict {
    VALID("signed"),
    MISSING("the request is not signed"),
    STALE("the signature's timestamp is missing, malformed or outside the allowed window"),
    WRONG("the signature does not match the request");

    private final String reason;

    Verdict(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  private final SecretKeySpec key;

  public AdminCallSignature(String key) {
    if (key == null || key.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "the admin API signing key must have at least " + MIN_KEY_LENGTH + " characters");
    }
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The {@link #SIGNATURE_HEADER} value for a request. */
  public String sign(
      String method, String pathAndQuery, long epochSeconds, String actor, byte[] body) {
    return VERSION
        + HexFormat.of().formatHex(mac(canonical(method, pathAndQuery, epochSeconds, actor, body)));
  }

  /** Checks a request's headers against the request itself, at {@code now}. */
  public Verdict verify(
      String method,
      String pathAndQuery,
      String timestamp,
      String actor,
      byte[] body,
      String signature,
      Instant now) {
    if (signature == null || signature.isBlank() || actor == null || actor.isBlank()) {
      return Verdict.MISSING;
    }
    long epochSeconds;
    try {
      epochSeconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
    } catch (NumberFormatException e) {
      return Verdict.STALE;
    }
    if (Math.abs(now.getEpochSecond() - epochSeconds) > VALIDITY.toSeconds()) {
      return Verdict.STALE;
    }
    byte[] expected =
        sign(method, pathAndQuery, epochSeconds, actor, body).getBytes(StandardCharsets.US_ASCII);
    // Constant time: the comparison must not tell an attacker how much of a guess was right.
    return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))
        ? Verdict.VALID
        : Verdict.WRONG;
  }

  private static byte[] canonical(
      String method, String pathAndQuery, long epochSeconds, String actor, byte[] body) {
    String bodyDigest;
    try {
      bodyDigest =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    return String.join(
            "\n",
            method.toUpperCase(java.util.Locale.ROOT),
            pathAndQuery,
            Long.toString(epochSeconds),
            actor,
            bodyDigest)
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
