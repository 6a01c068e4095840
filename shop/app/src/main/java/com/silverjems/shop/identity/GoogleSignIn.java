package com.silverjems.shop.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Google sign-in (OpenID Connect through spring-security-oauth2-client, which checks state, nonce,
 * the id token's signature, issuer, audience and expiry). Here: which of our accounts a Google
 * identity is, and the session that follows.
 *
 * <p>Linking by address only happens when Google says the address is verified. An existing account
 * whose own address was never confirmed may have been registered by someone else hoping the owner
 * signs in with Google later; linking it therefore removes its password.
 */
@Component
class GoogleSignIn extends OidcUserService
    implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  static final String PROVIDER = "google";
  private static final Logger log = LoggerFactory.getLogger(GoogleSignIn.class);

  private final Accounts accounts;
  private final AccountSessions sessions;
  private final TransactionTemplate transactions;
  private final IdentityProperties.Google settings;
  private final LoginMetrics metrics;

  GoogleSignIn(
      Accounts accounts,
      AccountSessions sessions,
      TransactionTemplate transactions,
      IdentityProperties properties,
      LoginMetrics metrics) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.transactions = transactions;
    this.settings = properties.google();
    this.metrics = metrics;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser user = super.loadUser(request);
    if (!Boolean.TRUE.equals(user.getEmailVerified()) || user.getEmail() == null) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error("email_not_verified", "Google has not verified this address", null));
    }
    transactions.executeWithoutResult(status -> accountOf(user));
    return user;
  }

  private Account accountOf(OidcUser user) {
    return accounts
        .byExternalIdentity(PROVIDER, user.getSubject())
        .orElseGet(
            () -> {
              Account account =
                  accounts
                      .byEmail(user.getEmail())
                      .map(this::claim)
                      .orElseGet(
                          () ->
                              accounts
                                  .create(
                                      user.getEmail(),
                                      user.getFullName() == null ? "" : user.getFullName(),
                                      null,
                                      true)
                                  .or(() -> accounts.byEmail(user.getEmail()))
                                  .orElseThrow());
              accounts.link(account.id(), PROVIDER, user.getSubject(), user.getEmail());
              return account;
            });
  }

  private Account claim(Account existing) {
    if (!existing.emailVerified()) {
      accounts.setPasswordHash(existing.id(), null);
      accounts.markEmailVerified(existing.id());
    }
    return existing;
  }

  /** Replaces the OIDC authentication with our own session: shopper rights only, never admin. */
  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    OidcUser user = (OidcUser) authentication.getPrincipal();
    Account account = accounts.byExternalIdentity(PROVIDER, user.getSubject()).orElseThrow();
    sessions.signIn(request, response, account.id(), Authorities.of(Authorities.SHOPPER));
    metrics.count(LoginMetrics.Outcome.SUCCESS);
    response.sendRedirect(settings.successUrl());
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String reason =
        exception instanceof OAuth2AuthenticationException oauth
            ? oauth.getError().getErrorCode()
            : exception.getClass().getSimpleName();
    log.info("Google sign-in refused: {} ({})", reason, exception.getMessage());
    metrics.count(LoginMetrics.Outcome.BAD_CREDENTIALS);
    response.sendRedirect(settings.failureUrl());
  }
}
