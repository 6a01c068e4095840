package com.silverjems.routes.email;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the hub handed to SES for one address, newest first: an admin (and the release's smoke
 * checks) can see that an email left, with the message id SES gave it and its latest delivery
 * event.
 */
public class SentEmails {

  private final JdbcClient jdbc;

  public SentEmails(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<SentEmail> to(String recipient, int limit) {
    return jdbc.sql(
            """
            SELECT outbox_event_id, event_type, status, ses_message_id, sent_at, last_event
              FROM email_send
             WHERE lower(recipient) = lower(:recipient)
             ORDER BY sent_at DESC, outbox_event_id
             LIMIT :limit
            """)
        .param("recipient", recipient)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new SentEmail(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class),
                    rs.getString(6)))
        .list();
  }

  /** One send, as admins see it; {@code status} is sent, suppressed, delivered, bounced... */
  public record SentEmail(
      UUID outboxEventId,
      String eventType,
      String status,
      String sesMessageId,
      OffsetDateTime sentAt,
      String lastEvent) {}
}
