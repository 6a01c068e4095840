package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.testing.Browser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The smaller holes of the admin second factor (issue 15, item 6): codes guessed for ever, a
 * half-signed-in session that lives for hours, an admin whose role was taken away keeping their
 * session, and enrolment granting admin to an account that is no longer one.
 */
class AdminMfaHardeningIT extends IdentityIT {

  @Autowired MeterRegistry meters;

  @Test
  void wrongCodesLockTheFactorForGoodOnceTheRateLimitHasRefilledOftenEnough() {
    Admin admin = enrolledAdmin();
    Browser browser = signedIn(admin.email(), admin.password());
    double lockouts = meters.counter("silverjems.mfa.lockouts").count();

    for (int attempt = 1; attempt <= 10; attempt++) {
      // The attacker waits out the rate limit's window each time (the bucket refills).
      jdbc.sql("DELETE FROM rate_limit_bucket").update();
      assertThat(mfa(browser, "000000")).as("wrong code " + attempt).isEqualTo(401);
    }
    jdbc.sql("DELETE FROM rate_limit_bucket").update();
    Browser.Response right =
        browser.post("/api/auth/mfa/verify", Map.of("code", code(admin.secret())));

    assertThat(right.status()).isEqualTo(403);
    assertThat(right.json().path("type").asText()).endsWith("/mfa-locked");
    assertThat(
            browser
                .post("/api/auth/mfa/verify", Map.of("recoveryCode", admin.recoveryCodes().get(0)))
                .status())
        .isEqualTo(403);
    assertThat(auditActions(admin.id())).contains("mfa.locked");
    assertThat(meters.counter("silverjems.mfa.lockouts").count()).isEqualTo(lockouts + 1);
  }

  @Test
  void aRightCodeClearsTheCountOfWrongOnes() {
    Admin admin = enrolledAdmin();
    Browser browser = signedIn(admin.email(), admin.password());
    for (int attempt = 1; attempt <= 4; attempt++) {
      assertThat(mfa(browser, "000000")).isEqualTo(401);
    }
    assertThat(mfa(browser, code(admin.secret()))).isEqualTo(200);

    assertThat(
            jdbc.sql("SELECT failed_attempts FROM admin_totp WHERE account_id = :id")
                .param("id", admin.id())
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aSessionWaitingForItsSecondFactorLivesFiveMinutes() {
    Admin admin = enrolledAdmin();
    signedIn(admin.email(), admin.password());

    assertThat(
            jdbc.sql(
                    "SELECT max_inactive_interval FROM spring_session WHERE principal_name = :id"
                        + " ORDER BY creation_time DESC LIMIT 1")
                .param("id", admin.id().toString())
                .query(Integer.class)
                .single())
        .isEqualTo((int) Duration.ofMinutes(5).toSeconds());
  }

  @Test
  void anAdminWhoseRoleIsRemovedIsSignedOutAtTheNextRequest() {
    Admin admin = enrolledAdmin();
    Browser browser = signedIn(admin.email(), admin.password());
    assertThat(mfa(browser, code(admin.secret()))).isEqualTo(200);
    assertThat(browser.get("/api/admin/mfa").status()).isEqualTo(200);

    jdbc.sql("UPDATE account SET roles = '{SHOPPER}' WHERE id = :id")
        .param("id", admin.id())
        .update();

    assertThat(browser.get("/api/admin/mfa").status()).isEqualTo(401);
  }

  @Test
  void enrolmentDoesNotMakeAnAdminOfAnAccountThatLostTheRole() {
    String email = uniqueEmail("ex-admin");
    UUID id = account(email, "a long admin password 1", "SHOPPER", "ADMIN");
    Browser browser = signedIn(email, "a long admin password 1");
    String secret = browser.post("/api/auth/mfa/enrolment", null).json().path("secret").asText();
    jdbc.sql("UPDATE account SET roles = '{SHOPPER}' WHERE id = :id").param("id", id).update();

    Browser.Response confirmed =
        browser.post("/api/auth/mfa/enrolment/confirm", Map.of("code", code(secret)));

    assertThat(confirmed.status()).isEqualTo(403);
    assertThat(browser.get("/api/auth/session").json().path("roles").toString())
        .doesNotContain("\"admin\"");
  }

  private static int mfa(Browser browser, String code) {
    return browser.post("/api/auth/mfa/verify", Map.of("code", code)).status();
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
