package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.testing.MutableClock;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238, Appendix B: the published test vectors, and the one-step clock skew we allow. */
class TotpCodesTest {

  private static final String SEED_SHA1 = "12345678901234567890";
  private static final String SEED_SHA256 = "12345678901234567890123456789012";
  private static final String SEED_SHA512 =
      "1234567890123456789012345678901234567890123456789012345678901234";

  @ParameterizedTest(name = "{1} at {0}s is {2}")
  @CsvSource({
    "59, SHA1, 94287082",
    "59, SHA256, 46119246",
    "59, SHA512, 90693936",
    "1111111109, SHA1, 07081804",
    "1111111109, SHA256, 68084774",
    "1111111109, SHA512, 25091201",
    "1111111111, SHA1, 14050471",
    "1111111111, SHA256, 67062674",
    "1111111111, SHA512, 99943326",
    "1234567890, SHA1, 89005924",
    "1234567890, SHA256, 91819424",
    "1234567890, SHA512, 93441116",
    "2000000000, SHA1, 69279037",
    "2000000000, SHA256, 90698825",
    "2000000000, SHA512, 38618901",
    "20000000000, SHA1, 65353130",
    "20000000000, SHA256, 77737706",
    "20000000000, SHA512, 47863826"
  })
  void rfc6238Vectors(long seconds, HashingAlgorithm algorithm, String expected) {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(seconds));
    TotpCodes totp = new TotpCodes(clock, algorithm, 8);
    String secret = secret(algorithm);
    long step = seconds / 30;

    assertThat(totp.generate(secret, step)).isEqualTo(expected);
    assertThat(totp.matchingStep(secret, expected, Long.MIN_VALUE)).hasValue(step);

    // One step of skew either way is a phone's clock a little off: accepted.
    clock.set(Instant.ofEpochSecond(seconds).plus(Duration.ofSeconds(30)));
    assertThat(totp.matchingStep(secret, expected, Long.MIN_VALUE)).hasValue(step);
    clock.set(Instant.ofEpochSecond(seconds).minus(Duration.ofSeconds(30)));
    assertThat(totp.matchingStep(secret, expected, Long.MIN_VALUE)).hasValue(step);

    // Two steps is not.
    clock.set(Instant.ofEpochSecond(seconds).plus(Duration.ofSeconds(60)));
    assertThat(totp.matchingStep(secret, expected, Long.MIN_VALUE)).isEmpty();
    clock.set(Instant.ofEpochSecond(seconds).minus(Duration.ofSeconds(60)));
    assertThat(totp.matchingStep(secret, expected, Long.MIN_VALUE)).isEmpty();

    // And a step already used is never accepted again.
    clock.set(Instant.ofEpochSecond(seconds));
    assertThat(totp.matchingStep(secret, expected, step)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"''", "12345", "1234567", "abcdef", "12 34 5x"})
  void malformedCodesAreRejected(String code) {
    TotpCodes totp = new TotpCodes(new MutableClock(Instant.ofEpochSecond(59)));
    assertThat(totp.matchingStep(secret(HashingAlgorithm.SHA1), code, Long.MIN_VALUE)).isEmpty();
  }

  private static String secret(HashingAlgorithm algorithm) {
    String seed =
        switch (algorithm) {
          case SHA1 -> SEED_SHA1;
          case SHA256 -> SEED_SHA256;
          case SHA512 -> SEED_SHA512;
        };
    return new Base32().encodeAsString(seed.getBytes(StandardCharsets.US_ASCII));
  }
}
