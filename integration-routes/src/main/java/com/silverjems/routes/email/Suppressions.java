package com.silverjems.routes.email;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The suppression list: addresses that hard-bounced or complained. The relay never mails them; the
 * delivery-events group adds to it; admins read it and may lift an entry (after the shopper fixed
 * their mailbox, say).
 */
class Suppressions {

  private final JdbcClient jdbc;

  Suppressions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean isSuppressed(String email) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM email_suppression WHERE email = :email)")
        .param("email", normalise(email))
        .query(Boolean.class)
        .single();
  }

  /** Adds the address; a second report about the same address keeps the first one. */
  boolean suppress(String email, Reason reason, String detail, String sesMessageId) {
    return jdbc.sql(
                """
                INSERT INTO email_suppression (email, reason, detail, ses_message_id)
                VALUES (:email, :reason, :detail, :messageId) ON CONFLICT (email) DO NOTHING
                """)
            .param("email", normalise(email))
            .param("reason", reason.name().toLowerCase(Locale.ROOT))
            .param("detail", EmailRecords.truncate(detail))
            .param("messageId", sesMessageId)
            .update()
        == 1;
  }

  List<Suppression> list(int limit, int offset) {
    return jdbc.sql(
            """
            SELECT email, reason, detail, ses_message_id, created_at FROM email_suppression
             ORDER BY created_at DESC, email LIMIT :limit OFFSET :offset
            """)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, row) ->
                new Suppression(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class)))
        .list();
  }

  /** Lifts the suppression; false when the address was not suppressed. */
  boolean lift(String email) {
    return jdbc.sql("DELETE FROM email_suppression WHERE email = :email")
            .param("email", normalise(email))
            .update()
        == 1;
  }

  static String normalise(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /** Why an address is suppressed. */
  enum Reason {
    HARD_BOUNCE,
    COMPLAINT
  }

  /** One suppressed address, as admins see it. */
  public record Suppression(
      String email, String reason, String detail, String sesMessageId, OffsetDateTime createdAt) {}
}
