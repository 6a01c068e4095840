package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

  final EventSchemas schemas = EventSchemas.fromClasspath();

  @Test
  void loadsEverySchemaOfShopSchema() {
    assertThat(schemas.known())
        .contains(
            "order-placed.v1",
            "order-paid.v1",
            "order-shipped.v1",
            "order-cancelled.v1",
            "order-refunded.v1",
            "password-reset-requested.v1",
            "email-verification-requested.v1",
            "admin-invited.v1");
  }

  @Test
  void acceptsAPayloadThatFollowsItsSchema() {
    assertThatCode(
            () ->
                schemas.validate(
                    "order-paid", 1, EmailUnitTestPayloads.orderPaid("ada@example.com", "Ada")))
        .doesNotThrowAnyException();
  }

  @Test
  void assertsFormatsNotJustTypes() {
    assertThatThrownBy(
            () ->
                schemas.validate(
                    "order-paid", 1, EmailUnitTestPayloads.orderPaid("not-an-address", "Ada")))
        .isInstanceOf(InvalidOutboxEvent.class)
        .hasMessageContaining("/recipient/email");
  }

  @Test
  void rejectsMissingAndUnexpectedFields() {
    ObjectNode payload = (ObjectNode) EmailUnitTestPayloads.orderPaid("ada@example.com", "Ada");
    payload.remove("totalMinor");
    payload.put("discount", 5);
    assertThatThrownBy(() -> schemas.validate("order-paid", 1, payload))
        .isInstanceOf(InvalidOutboxEvent.class)
        .hasMessageContaining("totalMinor")
        .hasMessageContaining("discount");
  }

  @Test
  void rejectsAnEventWithoutASchema() {
    assertThatThrownBy(
            () ->
                schemas.validate(
                    "order-paid", 2, EmailUnitTestPayloads.orderPaid("ada@example.com", "Ada")))
        .isInstanceOf(InvalidOutboxEvent.class)
        .hasMessageContaining("no schema for event order-paid v2");
  }
}
