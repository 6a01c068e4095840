package com.silverjems.shop.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit trail in {@code security_audit_event}, written in the caller's transaction. */
@Repository
class JdbcSecurityAuditLog implements SecurityAuditLog {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  JdbcSecurityAuditLog(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public void record(
      UUID actor, UUID subject, String action, String remoteAddress, Map<String, ?> details) {
    try {
      jdbc.sql(
              """
              INSERT INTO security_audit_event (actor_id, subject_id, action, remote_ip, details)
              VALUES (:actor, :subject, :action, :ip, CAST(:details AS jsonb))
              """)
          .param("actor", actor)
          .param("subject", subject)
          .param("action", action)
          .param("ip", remoteAddress)
          .param("details", json.writeValueAsString(details))
          .update();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit details must be plain JSON values", e);
    }
  }
}
