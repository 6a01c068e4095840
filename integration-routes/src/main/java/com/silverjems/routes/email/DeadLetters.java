package com.silverjems.routes.email;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Emails the hub gave up on, for admins to read and re-drive. */
class DeadLetters {

  private final JdbcClient jdbc;

  DeadLetters(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Open dead letters first (newest first), then re-driven ones when asked for. */
  List<DeadLetter> list(boolean includeRedriven, int limit, int offset) {
    return jdbc.sql(
            """
            SELECT id, outbox_event_id, event_type, recipient, reason, attempts, created_at, redriven_at
              FROM email_dead_letter
             WHERE :all OR redriven_at IS NULL
             ORDER BY redriven_at IS NOT NULL, created_at DESC, id DESC
             LIMIT :limit OFFSET :offset
            """)
        .param("all", includeRedriven)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, row) ->
                new DeadLetter(
                    rs.getLong(1),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getInt(6),
                    rs.getObject(7, OffsetDateTime.class),
                    rs.getObject(8, OffsetDateTime.class)))
        .list();
  }

  /**
   * Hands the email back to the relay as a fresh generation with a clean attempt count: it is sent
   * on the next poll, unless its address is (still) suppressed.
   *
   * @throws DeadLetterNotFound when no dead letter has that id
   * @throws DeadLetterAlreadyRedriven when someone re-drove it already
   */
  @Transactional
  public void redrive(long id) {
    UUID outboxId =
        jdbc.sql(
                """
                SELECT outbox_event_id FROM email_dead_letter WHERE id = :id FOR UPDATE
                """)
            .param("id", id)
            .query(UUID.class)
            .optional()
            .orElseThrow(() -> new DeadLetterNotFound(id));
    int marked =
        jdbc.sql(
                """
                UPDATE email_dead_letter SET redriven_at = now() WHERE id = :id AND redriven_at IS NULL
                """)
            .param("id", id)
            .update();
    if (marked == 0) {
      throw new DeadLetterAlreadyRedriven(id);
    }
    jdbc.sql(
            """
            INSERT INTO email_outbox_claim (outbox_event_id, attempts, generation, next_attempt_at)
            VALUES (:id, 0, 0, now())
            ON CONFLICT (outbox_event_id) DO UPDATE
               SET attempts = 0, generation = email_outbox_claim.generation + 1,
                   next_attempt_at = now(), last_error = NULL, updated_at = now()
            """)
        .param("id", outboxId)
        .update();
    jdbc.sql("UPDATE outbox_event SET processed_at = NULL WHERE id = :id")
        .param("id", outboxId)
        .update();
  }

  /** One dead letter, as admins see it. */
  public record DeadLetter(
      long id,
      UUID outboxEventId,
      String eventType,
      String recipient,
      String reason,
      int attempts,
      OffsetDateTime createdAt,
      OffsetDateTime redrivenAt) {}
}
