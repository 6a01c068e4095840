package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.testing.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Admins invite admins by email (single-use link that expires, for that address only, MFA enrolment
 * before any admin action) and remove admins (their sessions end at once, never the last one);
 * every step is in the admin audit log with the actor's account id.
 */
class AdminInvitationsIT extends IdentityIT {

  @Test
  void anInvitationIsEmailedAcceptedOnceAndTheNewAdminMustEnrolMfaFirst() {
    Admin inviter = enrolledAdmin();
    Browser admin = adminSession(inviter);
    String email = uniqueEmail("invited");

    Browser.Response sent = admin.post("/api/admin/admins/invitations", Map.of("email", email));
    assertThat(sent.status()).isEqualTo(201);
    UUID invitation = UUID.fromString(sent.json().path("id").asText());
    JsonNode event = invitationEmail(invitation);
    assertThat(event.path("recipient").path("email").asText()).isEqualTo(email);
    assertThat(event.path("invitedBy").path("email").asText()).isEqualTo(inviter.email());
    String token = tokenOf(event.path("link").asText());
    assertThat(event.path("link").asText()).contains("/admin/invitation#token=");
    // Only the token's hash is stored.
    assertThat(
            jdbc.sql("SELECT count(*) FROM admin_invitation WHERE token_hash = :hash")
                .param("hash", EmailTokens.sha256(token))
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(admin.get("/api/admin/admins").json().path("invitations").toString())
        .contains(email);

    Browser.Response accepted = accept(token, email, "a long new admin password 7");
    assertThat(accepted.status()).isEqualTo(200);
    UUID newAdmin = UUID.fromString(accepted.json().path("accountId").asText());

    // Single use: the same link again is refused, and the refusal is audited.
    Browser.Response again = accept(token, email, "a long new admin password 7");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("title").asText()).isEqualTo("Link invalid or expired");

    // The password alone gives an enrolment-only session: no admin action before TOTP.
    Browser browser = signedIn(email, "a long new admin password 7");
    assertThat(browser.get("/api/auth/session").json().path("next").asText())
        .isEqualTo("mfa-enrolment");
    assertThat(browser.get("/api/admin/admins").status()).isEqualTo(403);
    String secret = browser.post("/api/auth/mfa/enrolment", null).json().path("secret").asText();
    assertThat(
            browser.post("/api/auth/mfa/enrolment/confirm", Map.of("code", code(secret))).status())
        .isEqualTo(200);
    assertThat(browser.get("/api/admin/admins").status()).isEqualTo(200);

    assertThat(invitationAudit(invitation))
        .containsExactly(
            List.of("admin.invitation-sent", inviter.id().toString()),
            List.of("admin.invitation-accepted", newAdmin.toString()),
            List.of("admin.invitation-refused", "anonymous"));
    assertThat(reasonOfLastRefusal(invitation)).isEqualTo("used");
  }

  @Test
  void anInvitationExpiresWorksOnlyForItsAddressAndCanBeRevoked() {
    Browser admin = adminSession(enrolledAdmin());
    String email = uniqueEmail("late");
    UUID invitation = invite(admin, email);
    String token = tokenOf(invitationEmail(invitation).path("link").asText());

    Browser.Response wrong = accept(token, uniqueEmail("someone-else"), "a long password for x 1");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().path("type").asText()).endsWith("/invitation-for-another-address");
    assertThat(reasonOfLastRefusal(invitation)).isEqualTo("wrong-email");

    clock.advance(AdminInvitations.TTL.plus(Duration.ofMinutes(1)));
    assertThat(accept(token, email, "a long password for x 1").status()).isEqualTo(400);
    assertThat(reasonOfLastRefusal(invitation)).isEqualTo("expired");
    assertThat(
            jdbc.sql("SELECT count(*) FROM account WHERE email_normalized = lower(:e)")
                .param("e", email)
                .query(Integer.class)
                .single())
        .isZero();

    clock.set(java.time.Instant.now());
    Browser fresh = adminSession(enrolledAdmin());
    String revokedEmail = uniqueEmail("revoked");
    UUID revoked = invite(fresh, revokedEmail);
    String revokedToken = tokenOf(invitationEmail(revoked).path("link").asText());
    assertThat(fresh.delete("/api/admin/admins/invitations/" + revoked).status()).isEqualTo(204);
    assertThat(accept(revokedToken, revokedEmail, "a long password for x 1").status())
        .isEqualTo(400);
    assertThat(invitationAudit(revoked))
        .extracting(entry -> entry.get(0))
        .containsExactly(
            "admin.invitation-sent", "admin.invitation-revoked", "admin.invitation-refused");
  }

  @Test
  void anExistingAccountAcceptsWithItsOwnPasswordAndKeepsIt() {
    Browser admin = adminSession(enrolledAdmin());
    String email = uniqueEmail("shopper");
    UUID shopper = account(email, "the shopper's own password 3");
    Browser shopperSession = signedIn(email, "the shopper's own password 3");
    String token = tokenOf(invitationEmail(invite(admin, email)).path("link").asText());

    assertThat(accept(token, email, "not the shopper's password").status()).isEqualTo(401);
    Browser.Response accepted = accept(token, email, "the shopper's own password 3");
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.json().path("accountId").asText()).isEqualTo(shopper.toString());
    // Their shopper session ended: they sign in again, into MFA enrolment.
    assertThat(shopperSession.get("/api/account").status()).isEqualTo(401);
    assertThat(
            signedIn(email, "the shopper's own password 3")
                .get("/api/auth/session")
                .json()
                .path("next")
                .asText())
        .isEqualTo("mfa-enrolment");
  }

  @Test
  void aRemovedAdminsSessionsEndAtOnceAndTheLastAdminStays() {
    Admin remover = enrolledAdmin();
    Admin removed = enrolledAdmin();
    Browser removerSession = adminSession(remover);
    Browser removedSession = adminSession(removed);
    Browser removedElsewhere = adminSession(removed);
    assertThat(removedSession.get("/api/admin/mfa").status()).isEqualTo(200);
    int sessionsBefore = sessionsOf(removed.id());
    assertThat(sessionsBefore).as("the enrolment one and these two").isEqualTo(3);

    assertThat(removerSession.delete("/api/admin/admins/" + removed.id()).status()).isEqualTo(204);
    // Deleted from the session table, not only refused at the next request.
    assertThat(sessionsOf(removed.id())).isZero();
    assertThat(removedSession.get("/api/admin/mfa").status()).isEqualTo(401);
    assertThat(removedElsewhere.get("/api/admin/mfa").status()).isEqualTo(401);
    Browser again = signedIn(removed.email(), removed.password());
    assertThat(again.get("/api/auth/session").json().path("roles").toString())
        .doesNotContain("ADMIN");
    assertThat(removerSession.delete("/api/admin/admins/" + removed.id()).status())
        .as("not an admin any more")
        .isEqualTo(404);

    JsonNode entry =
        jdbc.sql(
                "SELECT json_build_object('actor', actor, 'after', after)::text FROM"
                    + " admin_audit_log WHERE action = 'admin.removed' AND entity_id = :id")
            .param("id", removed.id().toString())
            .query((rs, n) -> readJson(rs.getString(1)))
            .single();
    assertThat(entry.path("actor").asText()).isEqualTo(remover.id().toString());
    assertThat(entry.path("after").path("email").asText()).isEqualTo(removed.email());
  }

  @Test
  void theLastAdminCannotBeRemovedNotEvenByThemselves() {
    Admin only = enrolledAdmin();
    Browser session = adminSession(only);
    // Make this admin the only one for the length of the test: the others lose the role.
    List<UUID> others =
        jdbc.sql("SELECT id FROM account WHERE 'ADMIN' = ANY (roles) AND id <> :id")
            .param("id", only.id())
            .query(UUID.class)
            .list();
    jdbc.sql("UPDATE account SET roles = array_remove(roles, 'ADMIN') WHERE id IN (:ids)")
        .param("ids", others.isEmpty() ? List.of(UUID.randomUUID()) : others)
        .update();
    try {
      Browser.Response refused = session.delete("/api/admin/admins/" + only.id());
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().path("type").asText()).endsWith("/last-admin");
      assertThat(session.get("/api/admin/mfa").status()).isEqualTo(200);

      Admin second = enrolledAdmin();
      assertThat(session.delete("/api/admin/admins/" + only.id()).status())
          .as("themselves, with another admin left")
          .isEqualTo(204);
      assertThat(session.get("/api/admin/mfa").status()).isEqualTo(401);
      assertThat(second.id()).isNotNull();
    } finally {
      if (!others.isEmpty()) {
        jdbc.sql(
                "UPDATE account SET roles = array_append(roles, 'ADMIN') WHERE id IN (:ids)"
                    + " AND NOT ('ADMIN' = ANY (roles))")
            .param("ids", others)
            .update();
      }
    }
  }

  @Test
  void invitingAnAdminIsRefusedAndShoppersCannotInvite() {
    Admin existing = enrolledAdmin();
    Browser admin = adminSession(enrolledAdmin());
    Browser.Response refused =
        admin.post("/api/admin/admins/invitations", Map.of("email", existing.email()));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.header("Content-Type")).hasValue("application/problem+json");

    String email = uniqueEmail("plain-shopper");
    account(email, "a plain shopper password 1");
    Browser shopper = signedIn(email, "a plain shopper password 1");
    assertThat(
            shopper
                .post("/api/admin/admins/invitations", Map.of("email", uniqueEmail("x")))
                .status())
        .isEqualTo(403);
    assertThat(shopper.delete("/api/admin/admins/" + existing.id()).status()).isEqualTo(403);
  }

  private UUID invite(Browser admin, String email) {
    Browser.Response sent = admin.post("/api/admin/admins/invitations", Map.of("email", email));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    return UUID.fromString(sent.json().path("id").asText());
  }

  private Browser.Response accept(String token, String email, String password) {
    return browser()
        .post(
            "/api/auth/admin-invitation",
            Map.of("token", token, "email", email, "password", password, "displayName", "New"));
  }

  private JsonNode invitationEmail(UUID invitation) {
    String payload =
        jdbc.sql(
                "SELECT payload::text FROM outbox_event WHERE event_type = 'admin-invited'"
                    + " AND aggregate_type = 'admin-invitation' AND aggregate_id = :id")
            .param("id", invitation.toString())
            .query(String.class)
            .single();
    return EventSchemas.assertValid(AdminInvitations.INVITED_EVENT, payload);
  }

  static String tokenOf(String link) {
    return link.substring(link.indexOf("#token=") + "#token=".length());
  }

  private List<List<String>> invitationAudit(UUID invitation) {
    return jdbc.sql(
            "SELECT action, actor FROM admin_audit_log WHERE entity_type = 'admin-invitation'"
                + " AND entity_id = :id ORDER BY id")
        .param("id", invitation.toString())
        .query((rs, n) -> List.of(rs.getString("action"), rs.getString("actor")))
        .list();
  }

  private String reasonOfLastRefusal(UUID invitation) {
    return jdbc.sql(
            "SELECT after ->> 'reason' FROM admin_audit_log WHERE entity_id = :id"
                + " AND action = 'admin.invitation-refused' ORDER BY id DESC LIMIT 1")
        .param("id", invitation.toString())
        .query(String.class)
        .single();
  }

  private int sessionsOf(UUID account) {
    return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :name")
        .param("name", account.toString())
        .query(Integer.class)
        .single();
  }

  private static JsonNode readJson(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
