package com.silverjems.shop.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of sign-in, sessions and admin MFA ({@code silverjems.identity.*}). The MFA encryption
 * key and the public base URL have no default: production must supply them (start-up fails with the
 * property's name otherwise).
 */
@ConfigurationProperties("silverjems.identity")
@Validated
record IdentityProperties(
    @NotNull URI publicBaseUrl,
    @Valid @DefaultValue Mfa mfa,
    @Valid @DefaultValue Sessions sessions,
    @Valid @DefaultValue RateLimits rateLimits,
    @Valid @DefaultValue Passwords passwords,
    @Valid @DefaultValue Links links,
    @Valid @DefaultValue Google google,
    @DefaultValue(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:;"
                + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
                + " form-action 'self'; frame-ancestors 'none'")
        String contentSecurityPolicy) {

  /**
   * @param encryptionKey AES-256 key, base64 (e.g. {@code openssl rand -base64 32}); TOTP secrets
   *     are encrypted with it and recovery codes keyed-hashed with a key derived from it
   * @param keyId name of that key, stored next to each ciphertext so keys can be rotated
   * @param issuer the name authenticator apps show
   * @param lockoutAfter wrong codes in a row after which the factor locks until another admin
   *     resets it (the rate limit alone refills for ever)
   */
  record Mfa(
      @NotBlank String encryptionKey,
      @DefaultValue("k1") @NotBlank String keyId,
      @DefaultValue("Silver Jems") @NotBlank String issuer,
      @DefaultValue("10") @Min(1) int lockoutAfter) {}

  /**
   * @param adminIdleTimeout an admin session that completed MFA expires after this much inactivity
   * @param adminMaxLifetime ... and after this long whatever happens
   * @param reauthenticationWindow sensitive admin actions need password + code this recently
   * @param mfaPendingTimeout a session between the password and the second factor lives this long
   */
  record Sessions(
      @DefaultValue("5m") Duration mfaPendingTimeout,
      @DefaultValue("15m") Duration adminIdleTimeout,
      @DefaultValue("8h") Duration adminMaxLifetime,
      @DefaultValue("5m") Duration reauthenticationWindow) {}

  record RateLimits(
      @DefaultValue("5 per 15m") Limit loginPerAccount,
      @DefaultValue("30 per 15m") Limit loginPerAddress,
      @DefaultValue("5 per 15m") Limit mfaPerAccount,
      @DefaultValue("30 per 15m") Limit mfaPerAddress,
      @DefaultValue("3 per 1h") Limit resetPerAccount,
      @DefaultValue("20 per 1h") Limit resetPerAddress,
      @DefaultValue("10 per 1h") Limit registrationPerAddress) {}

  /** At most {@code attempts} in every {@code window}; written {@code "5 per 15m"}. */
  record Limit(int attempts, Duration window) {

    Limit {
      if (attempts < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "a rate limit needs at least 1 attempt per positive window, was "
                + attempts
                + " per "
                + window);
      }
    }

    static Limit parse(String text) {
      String[] parts = text.trim().split("\\s+per\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "a rate limit is written like '5 per 15m', was '" + text + "'");
      }
      return new Limit(
          Integer.parseInt(parts[0]),
          org.springframework.boot.convert.DurationStyle.detectAndParse(parts[1]));
    }
  }

  /**
   * @param minLength NIST SP 800-63B asks for at least 8; a shop holding addresses asks more
   * @param breachedCheck ask Have I Been Pwned (k-anonymity: only 5 hex chars of a SHA-1 leave)
   * @param breachedApiUrl its range API, ending with a slash
   * @param hashingPermits how many password hashes (Argon2, 19 MiB each) may run at once: fewer
   *     than the task's vCPUs, so that a flood of sign-ins leaves CPU and heap for the shoppers
   * @param hashingQueue how many more may wait for a permit; beyond that, 503 at once
   * @param hashingMaxWait how long a request waits for a permit before it is answered 503
   */
  record Passwords(
      @DefaultValue("12") @Min(8) int minLength,
      @DefaultValue("true") boolean breachedCheck,
      @DefaultValue("https://api.pwnedpasswords.com/range/") URI breachedApiUrl,
      @DefaultValue("1") @Min(1) int hashingPermits,
      @DefaultValue("4") @Min(0) int hashingQueue,
      @DefaultValue("1s") Duration hashingMaxWait,
      // Short: the look-up fails open, and a sign-up must not wait long on a third party.
      @DefaultValue("2s") Duration breachedApiTimeout) {}

  /**
   * @param emailsPerRecipientPerDay verification emails, and reset emails, one address gets in 24
   *     hours at most (each kind counted on its own), whoever asks for them
   */
  record Links(
      @DefaultValue("24h") Duration verificationTtl,
      @DefaultValue("1h") Duration resetTtl,
      @DefaultValue("3") @Min(1) int emailsPerRecipientPerDay) {}

  /** Where the browser lands after Google sign-in (relative to the storefront). */
  record Google(
      @DefaultValue("/account") String successUrl,
      @DefaultValue("/sign-in?error=google") String failureUrl) {}
}
