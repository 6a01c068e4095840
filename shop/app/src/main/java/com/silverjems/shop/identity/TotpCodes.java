package com.silverjems.shop.identity;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * RFC 6238 time-based codes: 30-second steps, accepting the step before and after the current one
 * (a phone's clock a little off) but never a step at or before the last one accepted, so a code
 * read over someone's shoulder cannot be replayed. Codes are computed by dev.samstevens.totp and
 * compared in constant time.
 */
class TotpCodes {

  static final int PERIOD_SECONDS = 30;
  static final int ALLOWED_SKEW_STEPS = 1;

  private final Clock clock;
  private final CodeGenerator generator;
  private final int digits;

  /** What authenticator apps use: HMAC-SHA1, 6 digits. */
  TotpCodes(Clock clock) {
    this(clock, HashingAlgorithm.SHA1, 6);
  }

  TotpCodes(Clock clock, HashingAlgorithm algorithm, int digits) {
    this.clock = clock;
    this.generator = new DefaultCodeGenerator(algorithm, digits);
    this.digits = digits;
  }

  long currentStep() {
    return Math.floorDiv(clock.millis() / 1000, PERIOD_SECONDS);
  }

  /**
   * The step {@code code} is valid for, if it is valid now (within one step) and later than {@code
   * lastUsedStep}.
   *
   * @param secret the shared secret, base32
   * @param lastUsedStep the last step accepted for this secret, or {@code Long.MIN_VALUE}
   */
  OptionalLong matchingStep(String secret, String code, long lastUsedStep) {
    String candidate = code == null ? "" : code.replaceAll("\\s", "");
    if (candidate.length() != digits || !candidate.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    long now = currentStep();
    OptionalLong found = OptionalLong.empty();
    // Every candidate step is computed and compared, found or not: the time taken says nothing.
    for (long step = now - ALLOWED_SKEW_STEPS; step <= now + ALLOWED_SKEW_STEPS; step++) {
      boolean equal =
          MessageDigest.isEqual(
              generate(secret, step).getBytes(StandardCharsets.US_ASCII),
              candidate.getBytes(StandardCharsets.US_ASCII));
      if (equal && step > lastUsedStep && found.isEmpty()) {
        found = OptionalLong.of(step);
      }
    }
    return found;
  }

  String generate(String secret, long step) {
    try {
      return generator.generate(secret, step);
    } catch (CodeGenerationException e) {
      throw new IllegalStateException("TOTP code could not be computed", e);
    }
  }
}
