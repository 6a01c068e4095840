package com.silverjems.shop.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * The append-only record of admin changes. Written in the transaction of the change itself, so a
 * change without its audit entry cannot commit; the table refuses updates and deletes.
 */
@Component
public class AuditLog {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  AuditLog(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records that {@code actor} did {@code action} to an entity, with its state before and after
   * (either may be null: creation, deletion).
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void record(
      String actor,
      String action,
      String entityType,
      String entityId,
      Object before,
      Object after) {
    jdbc.sql(
            """
            INSERT INTO admin_audit_log (actor, action, entity_type, entity_id, before, after)
            VALUES (:actor, :action, :entityType, :entityId,
                    CAST(:before AS JSONB), CAST(:after AS JSONB))
            """)
        .param("actor", actor)
        .param("action", action)
        .param("entityType", entityType)
        .param("entityId", entityId)
        .param("before", toJson(before))
        .param("after", toJson(after))
        .update();
  }

  /** Entries newest first, optionally only those of one entity type (and id). */
  public List<AuditEntry> entries(String entityType, String entityId, int page, int size) {
    return jdbc.sql(
            """
            SELECT id, occurred_at, actor, action, entity_type, entity_id,
                   CAST(before AS TEXT) AS before, CAST(after AS TEXT) AS after
            FROM admin_audit_log
            WHERE (CAST(:type AS TEXT) IS NULL OR entity_type = :type)
              AND (CAST(:id AS TEXT) IS NULL OR entity_id = :id)
            ORDER BY id DESC LIMIT :limit OFFSET :offset
            """)
        .param("type", entityType)
        .param("id", entityId)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(
            (row, n) ->
                new AuditEntry(
                    row.getLong("id"),
                    row.getTimestamp("occurred_at").toInstant(),
                    row.getString("actor"),
                    row.getString("action"),
                    row.getString("entity_type"),
                    row.getString("entity_id"),
                    tree(row.getString("before")),
                    tree(row.getString("after"))))
        .list();
  }

  /** One admin change: who did what to which entity, its state before and after, and when. */
  public record AuditEntry(
      long id,
      Instant at,
      String actor,
      String action,
      String entityType,
      String entityId,
      JsonNode before,
      JsonNode after) {}

  private JsonNode tree(String stored) {
    try {
      return stored == null ? null : json.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Audit state is not JSON", e);
    }
  }

  private String toJson(Object state) {
    if (state == null) {
      return null;
    }
    try {
      return json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit state cannot be serialised", e);
    }
  }
}
