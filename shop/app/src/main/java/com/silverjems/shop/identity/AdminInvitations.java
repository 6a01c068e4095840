package com.silverjems.shop.identity;

import com.silverjems.shop.audit.AuditLog;
import com.silverjems.shop.outbox.OutboxWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Who becomes an admin, and who stops being one (issue 20.4). The first admin comes from a
 * bootstrap link the shop issues at start-up while no admin exists; later admins from links other
 * admins send by email. A link carries 256 random bits; only their SHA-256 is stored, accepting is
 * one conditional UPDATE (single use), and each link expires. Every step is in the admin audit log
 * (entity {@code admin-invitation}, or {@code account} for a removal) in the step's transaction.
 */
@Service
class AdminInvitations {

  static final Duration TTL = Duration.ofHours(72);
  static final String ENTITY = "admin-invitation";
  static final String INVITED_EVENT = "admin-invited";
  static final String SYSTEM = "system";

  /** A link issued now; {@code link} exists nowhere else (the table keeps its hash). */
  record Issued(UUID id, String link, Instant expiresAt) {}

  record Pending(UUID id, String email, UUID invitedBy, Instant createdAt, Instant expiresAt) {}

  record AdminView(UUID accountId, String email, String displayName, boolean mfaEnrolled) {}

  record Accepted(UUID accountId, String email) {}

  private record Row(
      UUID id,
      String kind,
      String emailNormalized,
      Instant expiresAt,
      boolean accepted,
      boolean revoked) {}

  private final JdbcClient jdbc;
  private final Accounts accounts;
  private final AuditLog audit;
  private final AdminMfa mfa;
  private final PasswordPolicy policy;
  private final BoundedPasswordEncoder passwords;
  private final PasswordSignIn passwordSignIn;
  private final AccountSessions sessions;
  private final OutboxWriter outbox;
  private final Clock clock;
  private final URI publicBaseUrl;
  private final TransactionTemplate transaction;
  private final SecureRandom random = new SecureRandom();

  AdminInvitations(
      JdbcClient jdbc,
      Accounts accounts,
      AuditLog audit,
      AdminMfa mfa,
      PasswordPolicy policy,
      BoundedPasswordEncoder passwords,
      PasswordSignIn passwordSignIn,
      AccountSessions sessions,
      OutboxWriter outbox,
      Clock clock,
      IdentityProperties properties,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.audit = audit;
    this.mfa = mfa;
    this.policy = policy;
    this.passwords = passwords;
    this.passwordSignIn = passwordSignIn;
    this.sessions = sessions;
    this.outbox = outbox;
    this.clock = clock;
    this.publicBaseUrl = properties.publicBaseUrl();
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Issues the first admin's link, unless an admin exists or an earlier start issued one that is
   * still open. An expired one is revoked and replaced, so restarting the shop gives a new link.
   */
  Optional<Issued> bootstrapIfNoAdmin() {
    return transaction.execute(
        status -> {
          if (accounts.anyAdminLocked()) {
            return Optional.<Issued>empty();
          }
          jdbc.sql(
                  "UPDATE admin_invitation SET revoked_at = now() WHERE kind = 'bootstrap'"
                      + " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= :now")
              .param("now", utc(clock.instant()))
              .update();
          boolean open =
              jdbc.sql(
                      "SELECT EXISTS (SELECT 1 FROM admin_invitation WHERE kind = 'bootstrap'"
                          + " AND accepted_at IS NULL AND revoked_at IS NULL)")
                  .query(Boolean.class)
                  .single();
          if (open) {
            return Optional.<Issued>empty();
          }
          Issued issued = insert("bootstrap", null, null);
          audit.record(
              SYSTEM,
              "admin.bootstrap-created",
              ENTITY,
              issued.id().toString(),
              null,
              Map.of("expiresAt", issued.expiresAt().toString()));
          return Optional.of(issued);
        });
  }

  /**
   * Emails {@code email} a link to become an admin; an earlier open invitation to the address stops
   * working.
   */
  Issued invite(Account actor, String email, String remoteAddress) {
    return transaction.execute(
        status -> {
          if (accounts.byEmail(email).map(Account::isAdmin).orElse(false)) {
            throw new IdentityProblems.AlreadyAdmin();
          }
          jdbc.sql(
                  "UPDATE admin_invitation SET revoked_at = now(), revoked_by = :actor"
                      + " WHERE email_normalized = :email AND accepted_at IS NULL"
                      + " AND revoked_at IS NULL")
              .param("actor", actor.id())
              .param("email", Account.normalize(email))
              .update();
          Issued issued = insert("invitation", email.trim(), actor.id());
          writeInvitationEmail(actor, issued, email.trim());
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("email", email.trim());
          after.put("expiresAt", issued.expiresAt().toString());
          after.put("remoteAddress", remoteAddress);
          audit.record(
              actor.id().toString(),
              "admin.invitation-sent",
              ENTITY,
              issued.id().toString(),
              null,
              after);
          return issued;
        });
  }

  void revoke(Account actor, UUID invitationId, String remoteAddress) {
    transaction.executeWithoutResult(
        status -> {
          int revoked =
              jdbc.sql(
                      "UPDATE admin_invitation SET revoked_at = now(), revoked_by = :actor"
                          + " WHERE id = :id AND kind = 'invitation' AND accepted_at IS NULL"
                          + " AND revoked_at IS NULL")
                  .param("actor", actor.id())
                  .param("id", invitationId)
                  .update();
          if (revoked != 1) {
            throw new IdentityProblems.InvitationNotFound();
          }
          audit.record(
              actor.id().toString(),
              "admin.invitation-revoked",
              ENTITY,
              invitationId.toString(),
              null,
              Map.of("remoteAddress", String.valueOf(remoteAddress)));
        });
  }

  /**
   * Makes the link's holder an admin: a new account with {@code password}, or the existing account
   * of {@code email} when {@code password} is its password. The admin then signs in and must enrol
   * a second factor before any admin action (sign-in gives an admin without one an enrolment-only
   * session). Every session the account had before ends.
   *
   * @throws IdentityProblems.LinkInvalid when the link is unknown, used, revoked or expired, or
   *     (bootstrap) an admin exists already
   */
  Accepted accept(
      String token, String email, String password, String displayName, String remoteAddress) {
    Row row = find(token).orElseThrow(IdentityProblems.LinkInvalid::new);
    String refusal = refusal(row, email);
    if (refusal != null) {
      refuse(row, refusal, remoteAddress);
    }
    Optional<Account> existing = accounts.byEmail(email);
    String hash;
    if (existing.isPresent()) {
      // Proves the holder owns the account; wrong passwords count as failed sign-ins.
      passwordSignIn.check(email, password, remoteAddress);
      hash = null;
    } else {
      policy.check(password, email);
      hash = passwords.encode(password);
    }
    Accepted accepted =
        transaction.execute(
            status -> {
              if (row.kind().equals("bootstrap") && accounts.anyAdminLocked()) {
                status.setRollbackOnly();
                return null;
              }
              Account account =
                  existing
                      .or(() -> accounts.create(email, displayName, hash, true))
                      .orElseThrow(IdentityProblems.LinkInvalid::new);
              int used =
                  jdbc.sql(
                          "UPDATE admin_invitation SET accepted_at = now(), accepted_by = :account"
                              + " WHERE id = :id AND accepted_at IS NULL AND revoked_at IS NULL"
                              + " AND expires_at > :now")
                      .param("account", account.id())
                      .param("id", row.id())
                      .param("now", utc(clock.instant()))
                      .update();
              if (used != 1) {
                status.setRollbackOnly();
                return null;
              }
              // The link reached the address (or, bootstrap, its holder is the owner).
              accounts.markEmailVerified(account.id());
              accounts.grantAdmin(account.id());
              Map<String, Object> after = new LinkedHashMap<>();
              after.put("accountId", account.id().toString());
              after.put("email", account.email());
              after.put("newAccount", existing.isEmpty());
              after.put("remoteAddress", remoteAddress);
              audit.record(
                  account.id().toString(),
                  row.kind().equals("bootstrap")
                      ? "admin.bootstrap-used"
                      : "admin.invitation-accepted",
                  ENTITY,
                  row.id().toString(),
                  null,
                  after);
              return new Accepted(account.id(), account.email());
            });
    if (accepted == null) {
      // Someone else was quicker: the link was used (or the first admin made) meanwhile.
      refuse(row, "used", remoteAddress);
    }
    sessions.signOutEverywhere(accepted.accountId());
    return accepted;
  }

  /**
   * Takes the admin role from {@code accountId} and ends all of their sessions at once; the last
   * admin cannot be removed (by anyone, themselves included).
   */
  void remove(Account actor, UUID accountId, String remoteAddress) {
    transaction.executeWithoutResult(
        status -> {
          accounts.anyAdminLocked();
          Account target =
              accounts
                  .byId(accountId)
                  .filter(Account::isAdmin)
                  .orElseThrow(IdentityProblems.AdminNotFound::new);
          if (accounts.admins().size() <= 1) {
            throw new IdentityProblems.LastAdmin();
          }
          accounts.revokeAdmin(target.id());
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("email", target.email());
          after.put("remoteAddress", remoteAddress);
          audit.record(
              actor.id().toString(),
              "admin.removed",
              AdminAuditSecurityLog.ENTITY_TYPE,
              target.id().toString(),
              Map.of("roles", target.roles()),
              after);
        });
    // Issue 15.6's guard (AdminSessionLifetime) ends a session at its next request once the role
    // is gone; deleting them here ends them now, on every replica.
    sessions.signOutEverywhere(accountId);
  }

  boolean anyAdmin() {
    return !accounts.admins().isEmpty();
  }

  List<AdminView> admins() {
    return accounts.admins().stream()
        .map(a -> new AdminView(a.id(), a.email(), a.displayName(), mfa.isEnrolled(a.id())))
        .toList();
  }

  List<Pending> pending() {
    return jdbc.sql(
            """
            SELECT id, email, invited_by, created_at, expires_at FROM admin_invitation
            WHERE kind = 'invitation' AND accepted_at IS NULL AND revoked_at IS NULL
              AND expires_at > :now
            ORDER BY created_at, id
            """)
        .param("now", utc(clock.instant()))
        .query(
            (rs, n) ->
                new Pending(
                    rs.getObject("id", UUID.class),
                    rs.getString("email"),
                    rs.getObject("invited_by", UUID.class),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("expires_at").toInstant()))
        .list();
  }

  private String refusal(Row row, String email) {
    if (row.accepted()) {
      return "used";
    }
    if (row.revoked()) {
      return "revoked";
    }
    if (!row.expiresAt().isAfter(clock.instant())) {
      return "expired";
    }
    if (row.kind().equals("invitation")
        && !row.emailNormalized().equals(Account.normalize(email))) {
      return "wrong-email";
    }
    if (row.kind().equals("bootstrap")
        && Boolean.TRUE.equals(transaction.execute(status -> accounts.anyAdminLocked()))) {
      return "admin-exists";
    }
    return null;
  }

  /** Audits a refused use of a real link, then refuses it. */
  private void refuse(Row row, String reason, String remoteAddress) {
    transaction.executeWithoutResult(
        status ->
            audit.record(
                "anonymous",
                "admin.invitation-refused",
                ENTITY,
                row.id().toString(),
                null,
                Map.of("reason", reason, "remoteAddress", String.valueOf(remoteAddress))));
    if (reason.equals("wrong-email")) {
      throw new IdentityProblems.InvitationForAnotherAddress();
    }
    if (reason.equals("admin-exists")) {
      throw new IdentityProblems.AdminExists();
    }
    throw new IdentityProblems.LinkInvalid();
  }

  private Optional<Row> find(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            SELECT id, kind, email_normalized, expires_at, accepted_at IS NOT NULL AS accepted,
                   revoked_at IS NOT NULL AS revoked
            FROM admin_invitation WHERE token_hash = :hash
            """)
        .param("hash", EmailTokens.sha256(token))
        .query(
            (rs, n) ->
                new Row(
                    rs.getObject("id", UUID.class),
                    rs.getString("kind"),
                    rs.getString("email_normalized"),
                    rs.getTimestamp("expires_at").toInstant(),
                    rs.getBoolean("accepted"),
                    rs.getBoolean("revoked")))
        .optional();
  }

  private Issued insert(String kind, String email, UUID invitedBy) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    UUID id = UUID.randomUUID();
    Instant expiresAt = clock.instant().plus(TTL);
    jdbc.sql(
            """
            INSERT INTO admin_invitation (id, kind, email, email_normalized, token_hash,
                                          invited_by, expires_at)
            VALUES (:id, :kind, :email, :normalized, :hash, :by, :expires)
            """)
        .param("id", id)
        .param("kind", kind)
        .param("email", email)
        .param("normalized", email == null ? null : Account.normalize(email))
        .param("hash", EmailTokens.sha256(token))
        .param("by", invitedBy)
        .param("expires", utc(expiresAt))
        .update();
    // In the fragment: it never reaches a server log or a Referer header.
    String link =
        UriComponentsBuilder.fromUri(publicBaseUrl)
            .path("/admin/invitation")
            .fragment("token=" + token)
            .build()
            .toUriString();
    return new Issued(id, link, expiresAt);
  }

  private void writeInvitationEmail(Account actor, Issued issued, String email) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("invitationId", issued.id().toString());
    payload.put("recipient", Map.of("email", email, "name", ""));
    payload.put(
        "invitedBy",
        Map.of(
            "email",
            actor.email(),
            "name",
            actor.displayName() == null ? "" : actor.displayName()));
    payload.put("link", issued.link());
    payload.put("expiresAt", issued.expiresAt().toString());
    payload.put("occurredAt", clock.instant().toString());
    outbox.append("admin-invitation", issued.id().toString(), INVITED_EVENT, 1, payload);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
