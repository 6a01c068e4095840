package com.silverjems.routes.email;

import com.silverjems.routes.email.EmailDeliveryEvents.SentEmail;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The relay's records: what was sent (and the SES message id that links delivery events back), what
 * was rescheduled and what was given up on. Methods that write several rows are transactions.
 */
class EmailRecords {

  private final JdbcClient jdbc;

  EmailRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Called inside the send transaction, so the record commits together with the idempotency key.
   */
  void recordSent(
      UUID outboxId, int generation, String eventType, String recipient, String sesMessageId) {
    jdbc.sql(
            """
            INSERT INTO email_send (outbox_event_id, generation, event_type, recipient, status, ses_message_id)
            VALUES (:id, :generation, :type, :recipient, 'sent', :messageId)
            """)
        .param("id", outboxId)
        .param("generation", generation)
        .param("type", eventType)
        .param("recipient", recipient)
        .param("messageId", sesMessageId)
        .update();
  }

  void recordSuppressed(UUID outboxId, int generation, String eventType, String recipient) {
    jdbc.sql(
            """
            INSERT INTO email_send (outbox_event_id, generation, event_type, recipient, status)
            VALUES (:id, :generation, :type, :recipient, 'suppressed')
            """)
        .param("id", outboxId)
        .param("generation", generation)
        .param("type", eventType)
        .param("recipient", recipient)
        .update();
  }

  /**
   * Puts the event back for a later try. A throttled try does not count: SES asked us to slow down,
   * the email itself is fine.
   */
  void reschedule(UUID outboxId, Duration delay, String error, boolean countsAsAttempt) {
    jdbc.sql(
            """
            UPDATE email_outbox_claim
               SET next_attempt_at = now() + make_interval(secs => :seconds),
                   attempts = CASE WHEN :counts THEN attempts ELSE GREATEST(attempts - 1, 0) END,
                   last_error = :error, updated_at = now()
             WHERE outbox_event_id = :id
            """)
        .param("seconds", delay.toMillis() / 1000.0)
        .param("counts", countsAsAttempt)
        .param("error", truncate(error))
        .param("id", outboxId)
        .update();
  }

  /** Gives up on the event: a dead letter for admins, and the outbox row is done with. */
  @Transactional
  public long deadLetter(
      UUID outboxId, String eventType, String recipient, String reason, int attempts) {
    long id =
        jdbc.sql(
                """
                INSERT INTO email_dead_letter (outbox_event_id, event_type, recipient, reason, attempts)
                VALUES (:id, :type, :recipient, :reason, :attempts) RETURNING id
                """)
            .param("id", outboxId)
            .param("type", eventType)
            .param("recipient", recipient)
            .param("reason", truncate(reason))
            .param("attempts", attempts)
            .query(Long.class)
            .single();
    jdbc.sql("UPDATE outbox_event SET processed_at = now() WHERE id = :id")
        .param("id", outboxId)
        .update();
    jdbc.sql(
            "UPDATE email_outbox_claim SET last_error = :reason, updated_at = now() WHERE outbox_event_id = :id")
        .param("reason", truncate(reason))
        .param("id", outboxId)
        .update();
    return id;
  }

  /** The latest SES delivery event about a send: {@code delivered}, {@code hard_bounced}, ... */
  void recordDeliveryEvent(String sesMessageId, String status, String event) {
    jdbc.sql(
            """
            UPDATE email_send SET status = :status, last_event = :event, last_event_at = now()
             WHERE ses_message_id = :messageId
            """)
        .param("status", status)
        .param("event", truncate(event))
        .param("messageId", sesMessageId)
        .update();
  }

  /**
   * Sends the email again after {@code delay}, as a new generation (a new idempotency key). Only
   * the generation that bounced is bumped, so a second report of the same bounce changes nothing.
   *
   * @return false when that generation was already superseded
   */
  @Transactional
  public boolean scheduleResend(UUID outboxId, int bouncedGeneration, Duration delay) {
    int bumped =
        jdbc.sql(
                """
                UPDATE email_outbox_claim
                   SET generation = generation + 1, attempts = 0, last_error = NULL,
                       next_attempt_at = now() + make_interval(secs => :seconds), updated_at = now()
                 WHERE outbox_event_id = :id AND generation = :generation
                """)
            .param("seconds", delay.toMillis() / 1000.0)
            .param("id", outboxId)
            .param("generation", bouncedGeneration)
            .update();
    if (bumped == 1) {
      jdbc.sql("UPDATE outbox_event SET processed_at = NULL WHERE id = :id")
          .param("id", outboxId)
          .update();
    }
    return bumped == 1;
  }

  long pendingOutboxEvents() {
    return jdbc.sql("SELECT count(*) FROM outbox_event WHERE processed_at IS NULL")
        .query(Long.class)
        .single();
  }

  long openDeadLetters() {
    return jdbc.sql("SELECT count(*) FROM email_dead_letter WHERE redriven_at IS NULL")
        .query(Long.class)
        .single();
  }

  /** The send a delivery event is about, by SES message id. */
  Optional<SentEmail> findBySesMessageId(String sesMessageId) {
    return jdbc.sql(
            """
            SELECT s.outbox_event_id, s.generation, s.event_type, s.recipient, s.status
              FROM email_send s WHERE s.ses_message_id = :messageId
            """)
        .param("messageId", sesMessageId)
        .query(
            (rs, row) ->
                new SentEmail(
                    rs.getObject(1, UUID.class),
                    rs.getInt(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .optional();
  }

  static String truncate(String text) {
    if (text == null) {
      return null;
    }
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }
}
