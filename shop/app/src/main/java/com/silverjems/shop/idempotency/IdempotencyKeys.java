package com.silverjems.shop.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Idempotency keys of state-changing requests. The first request with a key claims it inside its
 * own transaction and stores its result there before committing; PostgreSQL's unique index makes a
 * concurrent duplicate wait for that commit and then replay the stored result.
 */
@Component
public class IdempotencyKeys {

  /** Printable ASCII, as clients generate them (UUIDs, ULIDs, ...). */
  private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final JdbcClient jdbc;
  private final ObjectMapper canonical;
  private final ObjectMapper json;

  IdempotencyKeys(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    // Same request, same hash: field order and whitespace of the client's JSON do not matter.
    this.canonical =
        json.copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(
                com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);
  }

  /** A stable fingerprint of a request: SHA-256 of its canonical JSON. */
  public String fingerprint(Object request) {
    try {
      byte[] bytes = canonical.writeValueAsBytes(canonical.valueToTree(request));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint request", e);
    }
  }

  /**
   * Claims {@code key} for a request with {@code fingerprint}, or finds the result of the request
   * that claimed it. Waits while another transaction holds the same key.
   *
   * @return empty when this request claimed the key (do the work, then {@link #complete}); the
   *     stored result when an identical request came first
   * @throws IdempotencyKeyInvalid when the key is empty, too long or not printable ASCII
   * @throws IdempotencyKeyReused when the key was used with a different request
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public java.util.Optional<StoredResponse> claim(String scope, String key, String fingerprint) {
    if (key == null || !VALID_KEY.matcher(key).matches()) {
      throw new IdempotencyKeyInvalid();
    }
    int claimed =
        jdbc.sql(
                """
                INSERT INTO idempotency_key (scope, key, request_hash) VALUES (:scope, :key, :hash)
                ON CONFLICT (scope, key) DO NOTHING
                """)
            .param("scope", scope)
            .param("key", key)
            .param("hash", fingerprint)
            .update();
    if (claimed == 1) {
      return java.util.Optional.empty();
    }
    StoredRow row =
        jdbc.sql(
                """
                SELECT request_hash, response_status, CAST(response_body AS TEXT) AS response_body
                FROM idempotency_key WHERE scope = :scope AND key = :key
                """)
            .param("scope", scope)
            .param("key", key)
            .query(StoredRow.class)
            .single();
    if (!row.requestHash().equals(fingerprint)) {
      throw new IdempotencyKeyReused(key);
    }
    try {
      return java.util.Optional.of(
          new StoredResponse(row.responseStatus(), json.readTree(row.responseBody())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored response of key " + key + " is not JSON", e);
    }
  }

  /** Stores the result of the request that claimed {@code key}, in the same transaction. */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void complete(String scope, String key, int status, Object body) {
    String stored;
    try {
      stored = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Response cannot be stored", e);
    }
    jdbc.sql(
            """
            UPDATE idempotency_key SET response_status = :status, response_body = CAST(:body AS JSONB)
            WHERE scope = :scope AND key = :key
            """)
        .param("status", status)
        .param("body", stored)
        .param("scope", scope)
        .param("key", key)
        .update();
  }

  /** Forgets keys older than {@code retention}; a retry after that is a new request. */
  public int purgeOlderThan(Duration retention) {
    return jdbc.sql(
            "DELETE FROM idempotency_key WHERE created_at < now() - CAST(:retention AS INTERVAL)")
        .param("retention", retention.toSeconds() + " seconds")
        .update();
  }

  /** The result an earlier request with the same key and body produced. */
  public record StoredResponse(int status, JsonNode body) {}

  private record StoredRow(String requestHash, Integer responseStatus, String responseBody) {}
}
