package com.silverjems.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.silverjems.shop.EventSchemas;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Order event payloads conform to the published schemas, and the check itself has teeth. */
class OrderEventsTest {

  // Configured as the shop's mapper is (nulls left out, ISO dates).
  private final ObjectMapper json =
      Jackson2ObjectMapperBuilder.json()
          .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          .build();
  private final Instant at = Instant.parse("2026-03-01T12:00:00Z");

  private final OrderView order =
      new OrderView(
          UUID.randomUUID(),
          "SJ-2026-000042",
          OrderStatus.SHIPPED,
          "jo@example.com",
          "Jo Bloggs",
          new ShippingAddress("Jo Bloggs", "1 High Street", null, "Bath", "BA1 1AA", "GB"),
          List.of(
              new OrderView.Line("RNG-HAM-J", "Hammered Band Ring", "J", 1, 6500, 1),
              new OrderView.Line("EAR-DRP-OS", "Droplet Stud Earrings", null, 2, 2900, 2)),
          12300,
          "GBP",
          at,
          new OrderView.Shipment("Royal Mail", "RM1GB", null));

  @Test
  void everyOrderEventConformsToItsSchema() {
    assertThat(violations("order-placed", OrderEvents.placed(order, at))).isEmpty();
    assertThat(violations("order-paid", OrderEvents.paid(order, "pi_123", at))).isEmpty();
    assertThat(violations("order-shipped", OrderEvents.shipped(order, at))).isEmpty();
    assertThat(violations("order-cancelled", OrderEvents.cancelled(order, null, true, at)))
        .isEmpty();
    assertThat(violations("order-refunded", refundOfOneEarring())).isEmpty();
  }

  @Test
  void theSharedHeadIsWrittenFlatAtTheTopOfThePayload() {
    ObjectNode paid = json.valueToTree(OrderEvents.paid(order, "pi_123", at));
    assertThat(paid.has("head")).isFalse();
    List<String> fields = new java.util.ArrayList<>();
    paid.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "orderId",
            "orderNumber",
            "recipient",
            "lines",
            "totalMinor",
            "currency",
            "occurredAt",
            "shippingAddress",
            "paymentReference");
    ObjectNode refunded = json.valueToTree(refundOfOneEarring());
    assertThat(refunded.get("lines")).hasSize(1);
    assertThat(refunded.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
    assertThat(refunded.get("totalMinor").asLong()).isEqualTo(2900);
  }

  @Test
  void theSchemaCheckRejectsWhatTheHubWouldReject() {
    ObjectNode payload = json.valueToTree(OrderEvents.placed(order, at));
    payload.remove("orderNumber");
    ((ObjectNode) payload.get("recipient")).put("email", "not an email");
    payload.put("currency", "gbp");

    assertThat(EventSchemas.violations("order-placed", 1, payload))
        .anySatisfy(m -> assertThat(m).contains("orderNumber"))
        .anySatisfy(m -> assertThat(m).contains("email"))
        .anySatisfy(m -> assertThat(m).contains("currency"));
  }

  /** One of the two earrings refunded. */
  private OrderEvents.OrderRefunded refundOfOneEarring() {
    return OrderEvents.refunded(
        order,
        java.util.Map.of("EAR-DRP-OS", 1),
        2900,
        "GBP",
        UUID.randomUUID().toString(),
        false,
        at);
  }

  private java.util.Set<String> violations(String type, Object payload) {
    return EventSchemas.violations(type, 1, json.valueToTree(payload));
  }
}
