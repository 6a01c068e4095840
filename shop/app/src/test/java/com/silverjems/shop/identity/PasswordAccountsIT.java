package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.testing.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

/** Shopper accounts with a password: sign-up, verification, sign-in, reset, sessions, CSRF. */
class PasswordAccountsIT extends IdentityIT {

  private static final String PASSWORD = "correct horse battery";

  @Test
  void signUpVerifyAndSignIn() {
    String email = uniqueEmail("Ada");
    Browser browser = browser();

    Browser.Response registered = register(browser, email, PASSWORD);
    assertThat(registered.status()).isEqualTo(202);
    UUID id = accountId(email);

    Browser.Response unverified = browser.post("/api/auth/login", credentials(email, PASSWORD));
    assertThat(unverified.status()).isEqualTo(403);
    assertThat(unverified.json().path("type").asText()).endsWith("/email-not-verified");

    List<String> events = outboxPayloads(AccountEmails.VERIFICATION, id);
    assertThat(events).hasSize(2); // sign-up, then the new link sent on the refused sign-in
    JsonNode event = EventSchemas.assertValid(AccountEmails.VERIFICATION, events.get(1));
    assertThat(event.path("recipient").path("email").asText()).isEqualTo(email);
    assertThat(event.path("link").asText()).startsWith("https://shop.test/verify-email?token=");

    // The first link was superseded by the second.
    assertThat(verify(browser, token(events.get(0))).status()).isEqualTo(400);
    assertThat(verify(browser, token(events.get(1))).status()).isEqualTo(204);
    assertThat(verify(browser, token(events.get(1))).status()).as("used twice").isEqualTo(400);

    Browser.Response signedIn =
        browser.post("/api/auth/login", credentials(email.toUpperCase(), PASSWORD));
    assertThat(signedIn.status()).isEqualTo(200);
    assertThat(signedIn.json().path("roles").get(0).asText()).isEqualTo("shopper");
    assertThat(browser.get("/api/account").json().path("email").asText()).isEqualTo(email);
    String hash =
        jdbc.sql("SELECT password_hash FROM account WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    assertThat(hash).startsWith("{argon2}$argon2id$");
  }

  @Test
  void signUpAnswersTheSameForATakenAddressAndNeverChangesItsPassword() {
    String email = uniqueEmail("taken");
    account(email, PASSWORD);
    Browser stranger = browser();

    Browser.Response response = register(stranger, email, "another password 123");
    Browser.Response fresh = register(stranger, uniqueEmail("fresh"), "another password 123");

    assertThat(response.status()).isEqualTo(fresh.status()).isEqualTo(202);
    assertThat(response.body()).isEqualTo(fresh.body());
    assertThat(outboxPayloads(AccountEmails.VERIFICATION, accountId(email))).isEmpty();
    assertThat(
            stranger.post("/api/auth/login", credentials(email, "another password 123")).status())
        .isEqualTo(401);
    assertThat(browser().post("/api/auth/login", credentials(email, PASSWORD)).status())
        .isEqualTo(200);
  }

  @Test
  void weakAndBreachedShapedPasswordsAreRejectedWithReasons() {
    Browser browser = browser();
    String email = uniqueEmail("weakling");
    Browser.Response tooShort = register(browser, email, "short");
    assertThat(tooShort.status()).isEqualTo(422);
    assertThat(tooShort.json().path("reasons").get(0).asText()).contains("at least 12");

    String local = email.substring(0, email.indexOf('@'));
    Browser.Response containsAddress = register(browser, email, local + "123456");
    assertThat(containsAddress.json().path("reasons").toString()).contains("email address");
    assertThat(register(browser, email, "aaaaaaaaaaaaaaaa").json().path("reasons").toString())
        .contains("different characters");
    assertThat(
            jdbc.sql("SELECT count(*) FROM account WHERE email = :e")
                .param("e", email)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void wrongPasswordAndUnknownAddressGetTheSameAnswer() {
    String email = uniqueEmail("known");
    account(email, PASSWORD);
    Browser browser = browser();
    Browser.Response wrongPassword =
        browser.post("/api/auth/login", credentials(email, "not the password"));
    Browser.Response unknown =
        browser.post("/api/auth/login", credentials(uniqueEmail("unknown"), "not the password"));
    assertThat(wrongPassword.status()).isEqualTo(unknown.status()).isEqualTo(401);
    assertThat(wrongPassword.json().path("detail")).isEqualTo(unknown.json().path("detail"));
  }

  @Test
  void passwordResetByEmailLinkEndsEverySession() {
    String email = uniqueEmail("forgetful");
    UUID id = account(email, PASSWORD);
    Browser laptop = signedIn(email, PASSWORD);
    Browser phone = signedIn(email, PASSWORD);

    Browser anyone = browser();
    assertThat(anyone.post("/api/auth/password-reset", Map.of("email", email)).status())
        .isEqualTo(202);
    List<String> events = outboxPayloads(AccountEmails.PASSWORD_RESET, id);
    assertThat(events).hasSize(1);
    JsonNode event = EventSchemas.assertValid(AccountEmails.PASSWORD_RESET, events.get(0));
    assertThat(event.path("link").asText()).startsWith("https://shop.test/reset-password?token=");
    String token = token(events.get(0));
    // The clear token is only in the email; the database keeps a hash.
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM account_token WHERE encode(token_hash, 'escape') LIKE :t")
                .param("t", "%" + token + "%")
                .query(Integer.class)
                .single())
        .isZero();

    Browser.Response weak =
        anyone.post("/api/auth/password-reset/confirm", Map.of("token", token, "password", "x"));
    assertThat(weak.status()).as("a rejected password leaves the link usable").isEqualTo(422);
    assertThat(
            anyone
                .post(
                    "/api/auth/password-reset/confirm",
                    Map.of("token", token, "password", "a brand new password"))
                .status())
        .isEqualTo(204);
    assertThat(
            anyone
                .post(
                    "/api/auth/password-reset/confirm",
                    Map.of("token", token, "password", "yet another password"))
                .status())
        .as("the link works once")
        .isEqualTo(400);

    assertThat(laptop.get("/api/account").status()).isEqualTo(401);
    assertThat(phone.get("/api/account").status()).isEqualTo(401);
    assertThat(browser().post("/api/auth/login", credentials(email, PASSWORD)).status())
        .isEqualTo(401);
    assertThat(
            browser().post("/api/auth/login", credentials(email, "a brand new password")).status())
        .isEqualTo(200);
  }

  @Test
  void aResetLinkExpires() {
    String email = uniqueEmail("slow");
    UUID id = account(email, PASSWORD);
    browser().post("/api/auth/password-reset", Map.of("email", email));
    String token = token(outboxPayloads(AccountEmails.PASSWORD_RESET, id).get(0));
    clock.advance(Duration.ofMinutes(61));
    assertThat(
            browser()
                .post(
                    "/api/auth/password-reset/confirm",
                    Map.of("token", token, "password", "a brand new password"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void signingInGivesANewSessionIdSoAPlantedOneIsWorthless() {
    String email = uniqueEmail("fixated");
    account(email, PASSWORD);
    Browser browser = browser();
    // An anonymous session first (as a started Google sign-in would create one).
    browser.get("/api/auth/oauth2/authorization/google");
    String before = browser.cookie("__Host-SESSION").orElseThrow();

    browser.post("/api/auth/login", credentials(email, PASSWORD));
    String after = browser.cookie("__Host-SESSION").orElseThrow();

    assertThat(after).isNotEqualTo(before);
    Browser planted = browser();
    planted.setCookie("__Host-SESSION", before);
    assertThat(planted.get("/api/account").status()).isEqualTo(401);
    assertThat(browser.get("/api/account").status()).isEqualTo(200);
  }

  @Test
  void sessionCookieIsHostOnlySecureHttpOnlyAndLax() {
    String email = uniqueEmail("cookie");
    account(email, PASSWORD);
    Browser browser = browser();
    browser.get("/api/auth/csrf");
    Browser.Response response = browser.post("/api/auth/login", credentials(email, PASSWORD));
    String cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("__Host-SESSION="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
    assertThat(cookie).contains("Path=/").doesNotContain("Domain");
  }

  @Test
  void stateChangesWithoutTheCsrfTokenAreRefused() {
    String email = uniqueEmail("csrf");
    account(email, PASSWORD);
    Browser browser = signedIn(email, PASSWORD);
    Browser.Response forged = browser.withoutCsrfToken().post("/api/account/sessions/revoke", null);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().path("type").asText()).endsWith("/csrf-token-invalid");
    assertThat(browser.get("/api/account").status()).isEqualTo(200);

    Browser anonymous = browser().withoutCsrfToken();
    assertThat(anonymous.post("/api/auth/login", credentials(email, PASSWORD)).status())
        .as("login CSRF")
        .isEqualTo(403);
  }

  @Test
  void logoutEndsThisSessionAndLogoutEverywhereEndsAll() {
    String email = uniqueEmail("leaver");
    account(email, PASSWORD);
    Browser one = signedIn(email, PASSWORD);
    Browser two = signedIn(email, PASSWORD);
    Browser three = signedIn(email, PASSWORD);

    assertThat(one.post("/api/auth/logout", null).status()).isEqualTo(204);
    assertThat(one.get("/api/account").status()).isEqualTo(401);
    assertThat(two.get("/api/account").status()).isEqualTo(200);

    assertThat(two.post("/api/account/sessions/revoke", null).status()).isEqualTo(204);
    assertThat(two.get("/api/account").status()).isEqualTo(401);
    assertThat(three.get("/api/account").status()).isEqualTo(401);
  }

  @Test
  void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
    String email = uniqueEmail("changer");
    account(email, PASSWORD);
    Browser here = signedIn(email, PASSWORD);
    Browser elsewhere = signedIn(email, PASSWORD);

    assertThat(
            here.post(
                    "/api/account/password",
                    Map.of("currentPassword", "wrong", "newPassword", "a brand new password"))
                .status())
        .isEqualTo(401);
    assertThat(
            here.post(
                    "/api/account/password",
                    Map.of("currentPassword", PASSWORD, "newPassword", "a brand new password"))
                .status())
        .isEqualTo(204);
    assertThat(here.get("/api/account").status()).isEqualTo(200);
    assertThat(elsewhere.get("/api/account").status()).isEqualTo(401);
  }

  private static Browser.Response register(Browser browser, String email, String password) {
    return browser.post(
        "/api/auth/register",
        Map.of("email", email, "password", password, "displayName", "Ada Lovelace"));
  }

  private static Browser.Response verify(Browser browser, String token) {
    return browser.post("/api/auth/email-verification", Map.of("token", token));
  }

  private static String token(String payload) {
    String link = EventSchemas.assertValid(eventTypeOf(payload), payload).path("link").asText();
    return UriComponentsBuilder.fromUriString(link).build().getQueryParams().getFirst("token");
  }

  private static String eventTypeOf(String payload) {
    return payload.contains("reset-password")
        ? AccountEmails.PASSWORD_RESET
        : AccountEmails.VERIFICATION;
  }
}
