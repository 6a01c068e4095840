package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin invitation email (issue 20.4): the payload the shop's schema describes (the shop's
 * AdminInvitationsIT checks its own payloads against the same file) renders in the shop's layout,
 * as HTML and text, with the inviter's words escaped.
 */
class AdminInvitedEmailTest {

  final EmailTemplates templates =
      new EmailTemplates(EmailUnitTestPayloads.JSON, EmailUnitTestPayloads.brand());

  static JsonNode payload(String inviterName) {
    ObjectNode payload = EmailUnitTestPayloads.JSON.createObjectNode();
    payload.put("invitationId", UUID.randomUUID().toString());
    payload.putObject("recipient").put("email", "grace@example.com").put("name", "");
    payload.putObject("invitedBy").put("email", "ada@example.com").put("name", inviterName);
    payload.put("link", "https://shop.example/admin/invitation#token=abc_DEF-123");
    payload.put("expiresAt", "2026-12-05T13:00:00Z");
    payload.put("occurredAt", "2026-12-02T13:00:00Z");
    return payload;
  }

  @Test
  void followsTheSchemaTheShopWritesTo() {
    EventSchemas.fromClasspath().validate("admin-invited", 1, payload("Ada"));
  }

  @Test
  void rendersTheInvitationWithItsLinkAndExpiry() {
    assertThat(templates.sendsEmail("admin-invited")).isTrue();
    RenderedEmail email =
        templates.render(
            new OutboxEvent(UUID.randomUUID(), "admin-invited", 1, payload("Ada"), 1, 0));

    assertThat(email.recipientEmail()).isEqualTo("grace@example.com");
    assertThat(email.subject()).isEqualTo("ada@example.com invited you to run Silver Jems");
    assertThat(email.text())
        .contains("Ada (ada@example.com) invited you to become an admin of Silver Jems.")
        .contains("Accept the invitation: https://shop.example/admin/invitation#token=abc_DEF-123")
        .contains("expires on 5 December 2026, 13:00 UTC")
        .contains("two-step verification")
        .doesNotContain("{{");
    assertThat(email.html())
        // Mustache escapes '=' too; a browser reads the attribute back as the same link.
        .contains("href=\"https://shop.example/admin/invitation#token&#x3D;abc_DEF-123\"")
        .contains("border-top:4px solid #6b7280")
        .doesNotContain("{{");
  }

  @Test
  void escapesTheInvitersNameInTheHtmlPart() {
    RenderedEmail email =
        templates.render(
            new OutboxEvent(UUID.randomUUID(), "admin-invited", 1, payload("<b>Ada</b>"), 1, 0));
    assertThat(email.html()).doesNotContain("<b>Ada</b>").contains("&lt;b&gt;Ada&lt;/b&gt;");
  }
}
