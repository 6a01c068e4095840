package com.silverjems.shop.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Accounts {

  private static final String COLUMNS =
      "id, email, display_name, password_hash, email_verified_at IS NOT NULL AS verified, roles";

  private static final RowMapper<Account> ROW =
      (ResultSet rs, int n) -> {
        Array roles = rs.getArray("roles");
        return new Account(
            rs.getObject("id", UUID.class),
            rs.getString("email"),
            rs.getString("display_name"),
            rs.getString("password_hash"),
            rs.getBoolean("verified"),
            new LinkedHashSet<>(Arrays.asList((String[]) roles.getArray())));
      };

  private final JdbcClient jdbc;

  Accounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Account> byEmail(String email) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE email_normalized = :email")
        .param("email", Account.normalize(email))
        .query(ROW)
        .optional();
  }

  Optional<Account> byId(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id")
        .param("id", id)
        .query(ROW)
        .optional();
  }

  Optional<Account> byExternalIdentity(String provider, String subject) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM account WHERE id = (SELECT account_id FROM account_external_identity"
                + " WHERE provider = :provider AND subject = :subject)")
        .param("provider", provider)
        .param("subject", subject)
        .query(ROW)
        .optional();
  }

  /**
   * Creates an account unless the address is taken (then returns empty: two sign-ups racing for one
   * address must not both succeed).
   */
  Optional<Account> create(
      String email, String displayName, String passwordHash, boolean emailVerified) {
    UUID id = UUID.randomUUID();
    int inserted =
        jdbc.sql(
                """
                INSERT INTO account (id, email, email_normalized, display_name, password_hash,
                                     email_verified_at)
                VALUES (:id, :email, :normalized, :name, :hash,
                        CASE WHEN :verified THEN now() END)
                ON CONFLICT (email_normalized) DO NOTHING
                """)
            .param("id", id)
            .param("email", email.trim())
            .param("normalized", Account.normalize(email))
            .param("name", displayName == null ? "" : displayName.trim())
            .param("hash", passwordHash)
            .param("verified", emailVerified)
            .update();
    return inserted == 1 ? byId(id) : Optional.empty();
  }

  void markEmailVerified(UUID id) {
    jdbc.sql(
            "UPDATE account SET email_verified_at = coalesce(email_verified_at, now()),"
                + " updated_at = now() WHERE id = :id")
        .param("id", id)
        .update();
  }

  void setPasswordHash(UUID id, String passwordHash) {
    jdbc.sql("UPDATE account SET password_hash = :hash, updated_at = now() WHERE id = :id")
        .param("id", id)
        .param("hash", passwordHash)
        .update();
  }

  void link(UUID accountId, String provider, String subject, String email) {
    jdbc.sql(
            """
            INSERT INTO account_external_identity (provider, subject, account_id, email)
            VALUES (:provider, :subject, :account, :email)
            ON CONFLICT (provider, subject) DO UPDATE SET email = excluded.email
            """)
        .param("provider", provider)
        .param("subject", subject)
        .param("account", accountId)
        .param("email", email)
        .update();
  }

  /** Admin accounts, oldest first. */
  java.util.List<Account> admins() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM account WHERE 'ADMIN' = ANY (roles) ORDER BY created_at, id")
        .query(ROW)
        .list();
  }

  /**
   * Whether any admin exists. Takes a transaction-scoped advisory lock first, so that two
   * transactions that check and then add or remove an admin run one after the other.
   */
  boolean anyAdminLocked() {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('silverjems.admins'))").query().singleRow();
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE 'ADMIN' = ANY (roles))")
        .query(Boolean.class)
        .single();
  }

  void grantAdmin(UUID id) {
    jdbc.sql(
            "UPDATE account SET roles = array_append(roles, 'ADMIN'), updated_at = now()"
                + " WHERE id = :id AND NOT ('ADMIN' = ANY (roles))")
        .param("id", id)
        .update();
  }

  /** Takes the admin role away; answers whether the account had it. */
  boolean revokeAdmin(UUID id) {
    return jdbc.sql(
                "UPDATE account SET roles = array_remove(roles, 'ADMIN'), updated_at = now()"
                    + " WHERE id = :id AND 'ADMIN' = ANY (roles)")
            .param("id", id)
            .update()
        == 1;
  }
}
