package com.silverjems.routes.emulators;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Outbox rows as the shop writes them, with payloads that follow shop-schema's event schemas. */
public final class OutboxFixtures {

  private final JdbcClient jdbc;

  public OutboxFixtures(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public JdbcClient jdbc() {
    return jdbc;
  }

  public UUID orderPaid(String email) {
    return insert(
        "order", "order-paid", orderPaidPayload(UUID.randomUUID(), email, "Ada Lovelace"));
  }

  public UUID orderPlaced(String email) {
    UUID order = UUID.randomUUID();
    return insert(
        "order",
        "order-placed",
        """
        {"orderId":"%s","orderNumber":"SJ-2026-000101","recipient":{"email":"%s","name":"Ada"},
         "lines":[{"sku":"RING-925-M","productName":"Twist ring","size":"M","quantity":1,"unitPriceMinor":4500}],
         "totalMinor":4500,"currency":"GBP","occurredAt":"2026-03-01T10:15:30Z",
         "shippingAddress":{"line1":"1 High Street","city":"Bath","postcode":"BA1 1AA","country":"GB"}}
        """
            .formatted(order, email));
  }

  public UUID orderShipped(String email) {
    return insert(
        "order",
        "order-shipped",
        """
        {"orderId":"%s","orderNumber":"SJ-2026-000102","recipient":{"email":"%s","name":"Ada"},
         "lines":[{"sku":"NECK-925-45","productName":"Curb chain necklace","size":"45 cm","quantity":1,"unitPriceMinor":8900}],
         "totalMinor":8900,"currency":"GBP","occurredAt":"2026-03-02T09:00:00Z",
         "carrier":"Royal Mail","trackingNumber":"RM123456789GB",
         "trackingUrl":"https://www.royalmail.com/track-your-item#/tracking-results/RM123456789GB"}
        """
            .formatted(UUID.randomUUID(), email));
  }

  /** An unpaid order the shop's expiry job cancelled (order-cancelled.v1). */
  public UUID orderCancelled(String email) {
    return insert(
        "order",
        "order-cancelled",
        """
        {"orderId":"%s","orderNumber":"SJ-2026-000104","recipient":{"email":"%s","name":"Ada"},
         "lines":[{"sku":"EAR-925","productName":"Stud earrings","size":null,"quantity":1,"unitPriceMinor":3500}],
         "totalMinor":3500,"currency":"GBP","occurredAt":"2026-12-02T13:00:00Z",
         "reason":"unpaid after PT30M","unpaid":true}
        """
            .formatted(UUID.randomUUID(), email));
  }

  /** A refund of one line that the provider confirmed (order-refunded.v1). */
  public UUID orderRefunded(String email) {
    return insert(
        "order",
        "order-refunded",
        """
        {"orderId":"%s","orderNumber":"SJ-2026-000105","recipient":{"email":"%s","name":"Ada"},
         "lines":[{"sku":"RING-925-M","productName":"Twist ring","size":"M","quantity":1,"unitPriceMinor":4500}],
         "totalMinor":4500,"currency":"GBP","occurredAt":"2026-12-02T13:05:00Z",
         "refundId":"%s","full":false}
        """
            .formatted(UUID.randomUUID(), email, UUID.randomUUID()));
  }

  public UUID passwordReset(String email) {
    return insert(
        "account",
        "password-reset-requested",
        """
        {"accountId":"%s","recipient":{"email":"%s","name":"Ada"},
         "link":"https://silverjems.example/reset?token=abc123","expiresAt":"2026-03-01T11:00:00Z",
         "occurredAt":"2026-03-01T10:00:00Z"}
        """
            .formatted(UUID.randomUUID(), email));
  }

  public UUID emailVerification(String email) {
    return insert(
        "account",
        "email-verification-requested",
        """
        {"accountId":"%s","recipient":{"email":"%s","name":"Ada"},
         "link":"https://silverjems.example/verify?token=xyz789","expiresAt":"2026-03-02T10:00:00Z",
         "occurredAt":"2026-03-01T10:00:00Z"}
        """
            .formatted(UUID.randomUUID(), email));
  }

  public static String orderPaidPayload(UUID orderId, String email, String name) {
    return """
        {"orderId":"%s","orderNumber":"SJ-2026-000123","recipient":{"email":"%s","name":"%s"},
         "lines":[{"sku":"RING-925-M","productName":"Twist ring","size":"M","quantity":2,"unitPriceMinor":4500},
                  {"sku":"EAR-925","productName":"Stud earrings","size":null,"quantity":1,"unitPriceMinor":3500}],
         "totalMinor":12500,"currency":"GBP","occurredAt":"2026-03-01T10:15:30Z",
         "shippingAddress":{"name":"Ada Lovelace","line1":"1 High Street","line2":null,"city":"Bath","postcode":"BA1 1AA","country":"GB"},
         "paymentReference":"pi_3Nq2"}
        """
        .formatted(orderId, email, name);
  }

  /** Inserts a row as the shop's outbox writer does and returns its id. */
  public UUID insert(String aggregateType, String eventType, String payload) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, event_version, payload)
            VALUES (:id, :aggregateType, :aggregateId, :type, 1, CAST(:payload AS jsonb))
            """)
        .param("id", id)
        .param("aggregateType", aggregateType)
        .param("aggregateId", UUID.randomUUID().toString())
        .param("type", eventType)
        .param("payload", payload)
        .update();
    return id;
  }

  public boolean processed(UUID id) {
    return jdbc.sql("SELECT processed_at IS NOT NULL FROM outbox_event WHERE id = :id")
        .param("id", id)
        .query(Boolean.class)
        .single();
  }

  public long unprocessed() {
    return jdbc.sql("SELECT count(*) FROM outbox_event WHERE processed_at IS NULL")
        .query(Long.class)
        .single();
  }
}
