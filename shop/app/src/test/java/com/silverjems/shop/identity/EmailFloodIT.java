package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verification-email flood (issue 15, item 2): each repeated sign-up and each right-password
 * sign-in of an unconfirmed account used to send a new email, greeting the recipient with whatever
 * 200 characters the attacker put in the display name. Every request here comes from a new client
 * address, as from a botnet: only a limit per recipient stops it.
 */
class EmailFloodIT extends IdentityIT {

  private static final String PASSWORD = "correct horse battery";
  private static final String SPAM = "Win a prize at https://evil.example/claim ".repeat(4);

  @Test
  void anUnconfirmedAddressGetsAtMostThreeVerificationEmailsADayWithoutTheTypedName() {
    String email = uniqueEmail("victim");
    for (int i = 0; i < 5; i++) {
      Browser.Response response =
          browser()
              .post(
                  "/api/auth/register",
                  Map.of("email", email, "password", PASSWORD, "displayName", SPAM));
      assertThat(response.status()).isEqualTo(202);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(browser().post("/api/auth/login", credentials(email, PASSWORD)).status())
          .isEqualTo(403);
    }

    List<String> emails = outboxPayloads(AccountEmails.VERIFICATION, accountId(email));
    assertThat(emails).hasSize(3);
    for (String payload : emails) {
      JsonNode event = EventSchemas.assertValid(AccountEmails.VERIFICATION, payload);
      assertThat(event.path("recipient").path("name").asText()).isEmpty();
      assertThat(payload).doesNotContain("evil.example");
    }
  }

  @Test
  void anAddressGetsAtMostThreeResetEmailsADayWhoeverAsks() {
    String email = uniqueEmail("reset-victim");
    account(email, PASSWORD);
    for (int i = 0; i < 6; i++) {
      // The per-address hourly limit refills (the attacker waits); the daily one must hold.
      jdbc.sql("DELETE FROM rate_limit_bucket").update();
      assertThat(browser().post("/api/auth/password-reset", Map.of("email", email)).status())
          .isEqualTo(202);
    }

    assertThat(outboxPayloads(AccountEmails.PASSWORD_RESET, accountId(email))).hasSize(3);
  }
}
