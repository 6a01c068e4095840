package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

  final EmailTemplates templates =
      new EmailTemplates(EmailUnitTestPayloads.JSON, EmailUnitTestPayloads.brand());

  @Test
  void rendersTheOrderConfirmationAsHtmlAndText() {
    RenderedEmail email = templates.render(event("order-paid", "Ada Lovelace"));

    assertThat(email.subject()).isEqualTo("Thank you for your order SJ-2026-000123");
    assertThat(email.recipientEmail()).isEqualTo("ada@example.com");
    assertThat(email.text())
        .contains("Dear Ada Lovelace,")
        .contains("Twist ring (size M), RING-925-M: 2 x £45.00 = £90.00")
        .contains("Stud earrings, EAR-925: 1 x £35.00 = £35.00")
        .contains("Total paid: £125.00")
        .contains("1 High Street")
        .doesNotContain("{{");
    assertThat(email.html())
        .contains("<title>Thank you for your order SJ-2026-000123</title>")
        .contains("Silver Jems")
        .contains("£125.00")
        .contains("border-top:4px solid #6b7280")
        .doesNotContain("{{");
  }

  @Test
  void escapesWhatTheShopperTypedInTheHtmlPart() {
    RenderedEmail email = templates.render(event("order-paid", "<script>alert(1)</script>"));

    assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(email.text()).contains("Dear <script>alert(1)</script>,");
  }

  @Test
  void greetsWithoutANameWhenTheShopSendsNone() {
    RenderedEmail email = templates.render(event("order-paid", ""));

    assertThat(email.text()).contains("\nHello,\n").doesNotContain("Dear ,");
    assertThat(email.html()).contains("<p>Hello,</p>").doesNotContain("Dear ,");
  }

  @Test
  void sendsOnlyForTheFourEmailingEvents() {
    assertThat(templates.sendsEmail("order-paid")).isTrue();
    assertThat(templates.sendsEmail("password-reset-requested")).isTrue();
    assertThat(templates.sendsEmail("order-placed")).isFalse();
  }

  @Test
  void rendersTheRefundAndTheCancellationFromPayloadsThatFollowTheirSchemas() throws Exception {
    var refunded =
        EmailUnitTestPayloads.JSON.readTree(
            """
            {"orderId": "%s", "orderNumber": "SJ-2026-000123",
             "recipient": {"email": "ada@example.com", "name": "Ada"},
             "lines": [{"sku": "RING-925-M", "productName": "Twist ring", "size": "M",
                        "quantity": 1, "unitPriceMinor": 4500}],
             "totalMinor": 4500, "currency": "GBP", "occurredAt": "2026-12-02T13:00:00Z",
             "refundId": "%s", "full": false}
            """
                .formatted(UUID.randomUUID(), UUID.randomUUID()));
    var cancelled =
        EmailUnitTestPayloads.JSON.readTree(
            """
            {"orderId": "%s", "orderNumber": "SJ-2026-000124",
             "recipient": {"email": "ada@example.com", "name": "Ada"},
             "lines": [{"sku": "EAR-925", "productName": "Stud earrings", "size": null,
                        "quantity": 1, "unitPriceMinor": 3500}],
             "totalMinor": 3500, "currency": "GBP", "occurredAt": "2026-12-02T13:00:00Z",
             "reason": "unpaid after PT30M", "unpaid": true}
            """
                .formatted(UUID.randomUUID()));
    EventSchemas schemas = EventSchemas.fromClasspath();
    schemas.validate("order-refunded", 1, refunded);
    schemas.validate("order-cancelled", 1, cancelled);

    RenderedEmail refund =
        templates.render(new OutboxEvent(UUID.randomUUID(), "order-refunded", 1, refunded, 1, 0));
    RenderedEmail cancel =
        templates.render(new OutboxEvent(UUID.randomUUID(), "order-cancelled", 1, cancelled, 1, 0));

    assertThat(refund.subject()).isEqualTo("Your refund for order SJ-2026-000123");
    assertThat(refund.text())
        .contains("We have refunded £45.00 for your order SJ-2026-000123")
        .contains("Twist ring (size M), RING-925-M: 1 x £45.00 = £45.00")
        .doesNotContain("the whole order")
        .doesNotContain("{{");
    assertThat(refund.html()).contains("<title>Your refund for order SJ-2026-000123</title>");
    assertThat(cancel.subject()).isEqualTo("Your order SJ-2026-000124 has been cancelled");
    assertThat(cancel.text())
        .contains("We did not receive payment for your order SJ-2026-000124 in time")
        .contains("back on sale");
    assertThat(cancel.html()).contains("Stud earrings").doesNotContain("{{");
    assertThat(templates.sendsEmail("order-refunded")).isTrue();
    assertThat(templates.sendsEmail("order-cancelled")).isTrue();
  }

  @Test
  void formatsMoneyInTheCurrencysOwnUnits() {
    assertThat(EmailTemplates.money(12500, "GBP")).isEqualTo("£125.00");
    assertThat(EmailTemplates.money(990, "EUR")).isEqualTo("€9.90");
    assertThat(EmailTemplates.money(1500, "JPY")).isEqualTo("JP¥1,500");
  }

  private static OutboxEvent event(String type, String name) {
    return new OutboxEvent(
        UUID.randomUUID(), type, 1, EmailUnitTestPayloads.orderPaid("ada@example.com", name), 1, 0);
  }
}
