package com.silverjems.shop.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Appends an event to the transactional outbox in the caller's transaction, so that the business
 * change and its announcement commit or roll back together. The integration hub relays the rows;
 * payloads follow {@code events/<type>.v<version>.schema.json} of shop-schema.
 */
@Component
public class OutboxWriter {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  OutboxWriter(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Writes one event. Must run inside the transaction of the change it announces.
   *
   * @return the event's id
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public UUID append(
      String aggregateType, String aggregateId, String eventType, int version, Object payload) {
    UUID id = UUID.randomUUID();
    String body;
    try {
      body = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event " + eventType + " cannot be serialised", e);
    }
    jdbc.sql(
            """
            INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, event_version, payload)
            VALUES (:id, :aggregateType, :aggregateId, :eventType, :version, CAST(:payload AS JSONB))
            """)
        .param("id", id)
        .param("aggregateType", aggregateType)
        .param("aggregateId", aggregateId)
        .param("eventType", eventType)
        .param("version", version)
        .param("payload", body)
        .update();
    return id;
  }
}
