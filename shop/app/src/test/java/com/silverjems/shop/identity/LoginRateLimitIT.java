package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.testing.Browser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Brute force: per-account and per-address limits, 429 with Retry-After, no enumeration. */
class LoginRateLimitIT extends IdentityIT {

  @Test
  void theSixthWrongPasswordWithinTheWindowIsRefusedWith429AndRetryAfter() {
    String email = uniqueEmail("target");
    account(email, "the right password 1");
    Browser attacker = browser();

    for (int attempt = 1; attempt <= 5; attempt++) {
      Browser.Response response =
          attacker.post("/api/auth/login", credentials(email, "wrong guess " + attempt));
      assertThat(response.status()).as("attempt %d", attempt).isEqualTo(401);
      assertThat(response.header("Retry-After")).isEmpty();
    }
    Browser.Response sixth = attacker.post("/api/auth/login", credentials(email, "wrong guess 6"));

    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.header("Content-Type")).hasValue("application/problem+json");
    long retryAfter = Long.parseLong(sixth.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 15 * 60L);
    assertThat(sixth.json().path("detail").asText())
        .contains("locked for")
        .contains("reset your password");
  }

  @Test
  void theLockHoldsFromAnyAddressAndEvenForTheRightPassword() {
    String email = uniqueEmail("locked");
    account(email, "the right password 2");
    Browser attacker = browser();
    for (int attempt = 1; attempt <= 5; attempt++) {
      attacker.post("/api/auth/login", credentials(email, "guess " + attempt));
    }

    Browser owner = browser();
    Browser.Response response =
        owner.post("/api/auth/login", credentials(email, "the right password 2"));
    assertThat(response.status()).isEqualTo(429);
    assertThat(response.header("Retry-After")).isPresent();
  }

  @Test
  void anAddressWithoutAccountLocksTheSameWayWithTheSameMessages() {
    String known = uniqueEmail("known");
    account(known, "the right password 3");
    String unknown = uniqueEmail("nobody");
    Browser browser = browser();

    for (int attempt = 1; attempt <= 6; attempt++) {
      Browser.Response forKnown =
          browser.post("/api/auth/login", credentials(known, "guess " + attempt));
      Browser.Response forUnknown =
          browser.post("/api/auth/login", credentials(unknown, "guess " + attempt));
      assertThat(forUnknown.status()).isEqualTo(forKnown.status());
      assertThat(forUnknown.json().path("detail").asText())
          .isEqualTo(forKnown.json().path("detail").asText().replace(known, unknown));
      assertThat(forUnknown.header("Retry-After").isPresent())
          .isEqualTo(forKnown.header("Retry-After").isPresent());
    }
  }

  @Test
  void oneAddressTryingManyAccountsIsLimitedToo() {
    Browser sprayer = browser();
    int refused = 0;
    for (int attempt = 1; attempt <= 31; attempt++) {
      Browser.Response response =
          sprayer.post(
              "/api/auth/login", credentials(uniqueEmail("spray"), "Winter2024!" + attempt));
      if (response.status() == 429) {
        refused++;
        assertThat(response.json().path("detail").asText()).contains("from your network");
      }
    }
    assertThat(refused).as("the 31st attempt from one address in 15 minutes").isEqualTo(1);
    // Someone else, elsewhere, signs in as usual.
    String email = uniqueEmail("bystander");
    account(email, "the right password 4");
    assertThat(
            browser().post("/api/auth/login", credentials(email, "the right password 4")).status())
        .isEqualTo(200);
  }

  @Test
  void aCorrectPasswordRefillsTheAccountsAttempts() {
    String email = uniqueEmail("typo");
    account(email, "the right password 5");
    Browser browser = browser();
    for (int attempt = 1; attempt <= 4; attempt++) {
      browser.post("/api/auth/login", credentials(email, "typo " + attempt));
    }
    assertThat(browser.post("/api/auth/login", credentials(email, "the right password 5")).status())
        .isEqualTo(200);
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(browser.post("/api/auth/login", credentials(email, "typo again")).status())
          .isEqualTo(401);
    }
  }

  @Test
  void passwordResetRequestsAreLimitedPerAddressWithoutSayingWhetherItHasAnAccount() {
    String known = uniqueEmail("resets");
    account(known, "the right password 6");
    String unknown = uniqueEmail("no-resets");
    Browser browser = browser();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(browser.post("/api/auth/password-reset", Map.of("email", known)).status())
          .isEqualTo(202);
      assertThat(browser.post("/api/auth/password-reset", Map.of("email", unknown)).status())
          .isEqualTo(202);
    }
    Browser.Response fourthKnown = browser.post("/api/auth/password-reset", Map.of("email", known));
    Browser.Response fourthUnknown =
        browser.post("/api/auth/password-reset", Map.of("email", unknown));
    assertThat(fourthKnown.status()).isEqualTo(429);
    assertThat(fourthUnknown.status()).isEqualTo(429);
    assertThat(fourthKnown.json().path("detail").asText())
        .isEqualTo(fourthUnknown.json().path("detail").asText());
    assertThat(outboxPayloads(AccountEmails.PASSWORD_RESET, accountId(known))).hasSize(3);
  }
}
