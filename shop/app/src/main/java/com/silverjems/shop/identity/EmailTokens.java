package com.silverjems.shop.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time tokens for emailed links. The clear token exists only in the email; the table keeps its
 * SHA-256 (256 random bits need no slow hash), and consuming one is a single conditional UPDATE, so
 * a link works once even when clicked twice at the same moment.
 */
@Component
class EmailTokens {

  enum Purpose {
    EMAIL_VERIFICATION("email-verification"),
    PASSWORD_RESET("password-reset");

    final String column;

    Purpose(String column) {
      this.column = column;
    }
  }

  /** A token issued now: {@code token} goes in the link, never in the database. */
  record Issued(String token, Instant expiresAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  EmailTokens(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Issued issue(UUID accountId, Purpose purpose, Duration ttl) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expiresAt = clock.instant().plus(ttl);
    jdbc.sql(
            """
            INSERT INTO account_token (token_hash, account_id, purpose, expires_at)
            VALUES (:hash, :account, :purpose, :expires)
            """)
        .param("hash", sha256(token))
        .param("account", accountId)
        .param("purpose", purpose.column)
        .param("expires", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
        .update();
    return new Issued(token, expiresAt);
  }

  /** Marks the token used and returns its account, if it is valid, unused and unexpired. */
  Optional<UUID> consume(String token, Purpose purpose) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            UPDATE account_token SET used_at = now()
            WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL
              AND expires_at > :now
            RETURNING account_id
            """)
        .param("hash", sha256(token))
        .param("purpose", purpose.column)
        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .query(UUID.class)
        .optional();
  }

  /** The account of a valid, unused, unexpired token, without using it up. */
  Optional<UUID> find(String token, Purpose purpose) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            SELECT account_id FROM account_token
            WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL
              AND expires_at > :now
            """)
        .param("hash", sha256(token))
        .param("purpose", purpose.column)
        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .query(UUID.class)
        .optional();
  }

  /** Earlier links of that kind stop working (a reset link supersedes the previous one). */
  void revokeAll(UUID accountId, Purpose purpose) {
    jdbc.sql(
            "UPDATE account_token SET used_at = now()"
                + " WHERE account_id = :account AND purpose = :purpose AND used_at IS NULL")
        .param("account", accountId)
        .param("purpose", purpose.column)
        .update();
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
