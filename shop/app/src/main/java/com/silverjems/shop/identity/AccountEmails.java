package com.silverjems.shop.identity;

import com.silverjems.shop.outbox.OutboxWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Emails about an account, as outbox events ({@code email-verification-requested}, {@code
 * password-reset-requested}, schemas in shop-schema's {@code events/}): written in the caller's
 * transaction through {@link OutboxWriter}, sent by the integration hub, never from the request
 * thread.
 */
@Component
class AccountEmails {

  static final String VERIFICATION = "email-verification-requested";
  static final String PASSWORD_RESET = "password-reset-requested";

  private final JdbcClient jdbc;
  private final OutboxWriter outbox;
  private final Clock clock;
  private final URI publicBaseUrl;
  private final int perRecipientPerDay;

  AccountEmails(JdbcClient jdbc, OutboxWriter outbox, Clock clock, IdentityProperties properties) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.clock = clock;
    this.publicBaseUrl = properties.publicBaseUrl();
    this.perRecipientPerDay = properties.links().emailsPerRecipientPerDay();
  }

  /**
   * Whether the account's address may get another email of this kind today. Counted per address,
   * whatever the client address, so that a botnet cannot flood an inbox; the caller's transaction
   * locks the account row, so parallel requests count one after the other. A request over the limit
   * answers as any other (nobody learns anything), it just sends nothing.
   */
  boolean mayEmail(Account account, String eventType) {
    jdbc.sql("SELECT 1 FROM account WHERE id = :id FOR UPDATE")
        .param("id", account.id())
        .query(Integer.class)
        .optional();
    int sent =
        jdbc.sql(
                """
                SELECT count(*) FROM outbox_event
                WHERE aggregate_type = 'account' AND aggregate_id = :account
                  AND event_type = :type AND created_at > now() - interval '24 hours'
                """)
            .param("account", account.id().toString())
            .param("type", eventType)
            .query(Integer.class)
            .single();
    return sent < perRecipientPerDay;
  }

  void verificationRequested(Account account, EmailTokens.Issued token) {
    write(account, VERIFICATION, link("/verify-email", token), token.expiresAt());
  }

  void passwordResetRequested(Account account, EmailTokens.Issued token) {
    write(account, PASSWORD_RESET, link("/reset-password", token), token.expiresAt());
  }

  private String link(String path, EmailTokens.Issued token) {
    return UriComponentsBuilder.fromUri(publicBaseUrl)
        .path(path)
        .queryParam("token", token.token())
        .build()
        .toUriString();
  }

  private void write(Account account, String eventType, String link, Instant expiresAt) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("accountId", account.id().toString());
    // The display name is whatever the registering client typed: to an address nobody has
    // confirmed yet it would be an attacker's words in our email, so it is left out.
    payload.put(
        "recipient",
        Map.of(
            "email",
            account.email(),
            "name",
            account.emailVerified() && account.displayName() != null ? account.displayName() : ""));
    payload.put("link", link);
    payload.put("expiresAt", expiresAt.toString());
    payload.put("occurredAt", clock.instant().toString());
    outbox.append("account", account.id().toString(), eventType, 1, payload);
  }
}
