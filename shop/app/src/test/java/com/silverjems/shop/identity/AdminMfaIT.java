package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.testing.Browser;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Admin access needs password + TOTP, always; MFA state changes are audited. */
class AdminMfaIT extends IdentityIT {

  @Autowired MfaCrypto crypto;

  @Test
  void theAdminApiIsUnreachableWithAPasswordOnlySession() {
    Admin admin = enrolledAdmin();
    Browser browser = signedIn(admin.email(), admin.password());

    assertThat(browser.get("/api/auth/session").json().path("next").asText()).isEqualTo("mfa");
    Browser.Response response = browser.get("/api/admin/mfa");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    // Not a shopper either until the second factor: the session is good for one thing only.
    assertThat(browser.get("/api/account").status()).isEqualTo(403);

    browser.post("/api/auth/mfa/verify", Map.of("code", code(admin.secret())));
    assertThat(browser.get("/api/admin/mfa").status()).isEqualTo(200);
  }

  @Test
  void enrolmentShowsAQrCodeAndConfirmsWithAFirstCode() {
    String email = uniqueEmail("new-admin");
    UUID id = account(email, "a long admin password 1", "SHOPPER", "ADMIN");
    Browser browser = signedIn(email, "a long admin password 1");
    assertThat(browser.get("/api/auth/session").json().path("next").asText())
        .isEqualTo("mfa-enrolment");
    assertThat(browser.get("/api/admin/mfa").status()).isEqualTo(403);

    JsonNode enrolment = browser.post("/api/auth/mfa/enrolment", null).json();
    String secret = enrolment.path("secret").asText();
    assertThat(secret).matches("[A-Z2-7]{32}");
    assertThat(enrolment.path("otpauthUri").asText())
        .startsWith("otpauth://totp/")
        .contains("secret=" + secret)
        .contains("issuer=Silver");
    String qr = enrolment.path("qrCodeDataUri").asText();
    assertThat(qr).startsWith("data:image/png;base64,");
    byte[] png = Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');

    assertThat(
            browser
                .post("/api/auth/mfa/enrolment/confirm", Map.of("code", "000000"))
                .json()
                .path("title")
                .asText())
        .isEqualTo("Code not accepted");
    Browser.Response confirmed =
        browser.post("/api/auth/mfa/enrolment/confirm", Map.of("code", code(secret)));
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(confirmed.json().path("recoveryCodes")).hasSize(AdminMfa.RECOVERY_CODES);
    assertThat(browser.get("/api/admin/mfa").json().path("enrolled").asBoolean()).isTrue();
    assertThat(auditActions(id)).containsExactly("mfa.enrolment-started", "mfa.enrolled");

    // Enrolled once: nobody can swap the factor through the enrolment endpoint again.
    Browser again = signedIn(email, "a long admin password 1");
    assertThat(again.post("/api/auth/mfa/enrolment", null).status()).isEqualTo(403);
  }

  @Test
  void aCodeIsAcceptedOneStepEitherSideButNotTwoAndNeverTwice() {
    Admin admin = enrolledAdmin();
    // Clear of the step enrolment used, so one step back is still unused.
    clock.advance(Duration.ofSeconds(60));
    TotpCodes totp = new TotpCodes(clock);
    long now = totp.currentStep();

    Browser early = signedIn(admin.email(), admin.password());
    assertThat(mfa(early, totp.generate(admin.secret(), now - 2))).isEqualTo(401);
    assertThat(mfa(early, totp.generate(admin.secret(), now + 2))).isEqualTo(401);
    assertThat(mfa(early, totp.generate(admin.secret(), now - 1))).isEqualTo(200);

    Browser replay = signedIn(admin.email(), admin.password());
    assertThat(mfa(replay, totp.generate(admin.secret(), now - 1)))
        .as("the same code again")
        .isEqualTo(401);
    assertThat(mfa(replay, totp.generate(admin.secret(), now + 1))).isEqualTo(200);
    Browser older = signedIn(admin.email(), admin.password());
    assertThat(mfa(older, totp.generate(admin.secret(), now)))
        .as("a step before the last one accepted")
        .isEqualTo(401);
  }

  @Test
  void aRecoveryCodeWorksOnceAndIsAudited() {
    Admin admin = enrolledAdmin();
    String recoveryCode = admin.recoveryCodes().get(3);

    Browser first = signedIn(admin.email(), admin.password());
    assertThat(first.post("/api/auth/mfa/verify", Map.of("recoveryCode", recoveryCode)).status())
        .isEqualTo(200);
    assertThat(first.get("/api/admin/mfa").json().path("recoveryCodesLeft").asInt())
        .isEqualTo(AdminMfa.RECOVERY_CODES - 1);

    Browser second = signedIn(admin.email(), admin.password());
    Browser.Response reused =
        second.post("/api/auth/mfa/verify", Map.of("recoveryCode", recoveryCode));
    assertThat(reused.status()).isEqualTo(401);
    assertThat(second.get("/api/admin/mfa").status()).isEqualTo(403);
    assertThat(auditActions(admin.id())).contains("mfa.recovery-code-used");
  }

  @Test
  void secretsAreEncryptedAndRecoveryCodesHashedAtRest() {
    Admin admin = enrolledAdmin();
    byte[] ciphertext =
        jdbc.sql("SELECT secret_ciphertext FROM admin_totp WHERE account_id = :id")
            .param("id", admin.id())
            .query(byte[].class)
            .single();
    assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(admin.secret());
    assertThat(crypto.decrypt(admin.id(), ciphertext, crypto.keyId())).isEqualTo(admin.secret());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> crypto.decrypt(UUID.randomUUID(), ciphertext, crypto.keyId()))
        .as("moved onto another account's row")
        .isInstanceOf(IllegalStateException.class);

    List<byte[]> hashes =
        jdbc.sql("SELECT code_hash FROM admin_recovery_code WHERE account_id = :id")
            .param("id", admin.id())
            .query(byte[].class)
            .list();
    assertThat(hashes).hasSize(AdminMfa.RECOVERY_CODES);
    for (byte[] hash : hashes) {
      String stored = new String(hash, java.nio.charset.StandardCharsets.ISO_8859_1);
      admin.recoveryCodes().forEach(code -> assertThat(stored).doesNotContain(code));
    }
  }

  @Test
  void sensitiveActionsNeedARecentPasswordAndCode() {
    Admin admin = enrolledAdmin();
    Browser browser = adminSession(admin);
    // Right after sign-in the check is fresh; some minutes later it is not.
    clock.advance(Duration.ofMinutes(6));

    Browser.Response refused = browser.post("/api/admin/mfa/recovery-codes", null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("type").asText()).endsWith("/reauthentication-required");

    assertThat(
            browser
                .post(
                    "/api/admin/reauthentication",
                    Map.of("password", "wrong", "code", code(admin.secret())))
                .status())
        .isEqualTo(401);
    assertThat(
            browser
                .post(
                    "/api/admin/reauthentication",
                    Map.of("password", admin.password(), "code", code(admin.secret())))
                .status())
        .isEqualTo(204);
    Browser.Response regenerated = browser.post("/api/admin/mfa/recovery-codes", null);
    assertThat(regenerated.status()).isEqualTo(200);
    assertThat(regenerated.json().path("recoveryCodes")).hasSize(AdminMfa.RECOVERY_CODES);
    assertThat(auditActions(admin.id())).contains("mfa.recovery-codes-regenerated");

    // The old codes are gone.
    Browser old = signedIn(admin.email(), admin.password());
    assertThat(mfa(old, null, admin.recoveryCodes().get(0))).isEqualTo(401);
  }

  @Test
  void anotherAdminCanResetALostFactorWhichSignsTheOwnerOut() {
    Admin owner = enrolledAdmin();
    Browser ownersSession = adminSession(owner);
    Admin colleague = enrolledAdmin();
    Browser colleagues = adminSession(colleague);

    assertThat(colleagues.delete("/api/admin/accounts/" + owner.id() + "/mfa").status())
        .isEqualTo(204);

    assertThat(ownersSession.get("/api/admin/mfa").status()).isEqualTo(401);
    Browser again = signedIn(owner.email(), owner.password());
    assertThat(again.get("/api/auth/session").json().path("next").asText())
        .isEqualTo("mfa-enrolment");
    Map<String, Object> audit =
        jdbc.sql(
                "SELECT actor, action FROM admin_audit_log WHERE entity_type = 'account'"
                    + " AND entity_id = :id AND action = 'mfa.reset'")
            .param("id", owner.id().toString())
            .query()
            .singleRow();
    assertThat(audit.get("actor")).isEqualTo(colleague.id().toString());
  }

  @Test
  void adminSessionsIdleOutSoonerAndEndAfterTheirMaximumAge() {
    Admin admin = enrolledAdmin();
    Browser browser = adminSession(admin);
    Integer idleSeconds =
        jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = :id")
            .param("id", admin.id().toString())
            .query(Integer.class)
            .list()
            .get(0);
    assertThat(idleSeconds).isEqualTo(15 * 60);
    Browser shopper = signedIn(createShopper(), "shopper password 12");
    assertThat(shopper.get("/api/account").status()).isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT max(max_inactive_interval) FROM spring_session")
                .query(Integer.class)
                .single())
        .isEqualTo(12 * 60 * 60);

    clock.advance(Duration.ofHours(8).plusMinutes(1));
    assertThat(browser.get("/api/admin/mfa").status()).isEqualTo(401);
  }

  @Test
  void wrongCodesAreRateLimited() {
    Admin admin = enrolledAdmin();
    Browser browser = signedIn(admin.email(), admin.password());
    for (int i = 0; i < 5; i++) {
      assertThat(mfa(browser, "000000")).isEqualTo(401);
    }
    Browser.Response limited =
        browser.post("/api/auth/mfa/verify", Map.of("code", code(admin.secret())));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isPresent();
  }

  private String createShopper() {
    String email = uniqueEmail("shopper");
    account(email, "shopper password 12");
    return email;
  }

  private static int mfa(Browser browser, String code) {
    return mfa(browser, code, null);
  }

  private static int mfa(Browser browser, String code, String recoveryCode) {
    Map<String, String> body = new java.util.HashMap<>();
    if (code != null) {
      body.put("code", code);
    }
    if (recoveryCode != null) {
      body.put("recoveryCode", recoveryCode);
    }
    return browser.post("/api/auth/mfa/verify", body).status();
  }

  private List<String> auditActions(UUID subject) {
    return jdbc.sql(
            "SELECT action FROM admin_audit_log WHERE entity_type = 'account' AND entity_id = :id"
                + " ORDER BY id")
        .param("id", subject.toString())
        .query(String.class)
        .list();
  }
}
