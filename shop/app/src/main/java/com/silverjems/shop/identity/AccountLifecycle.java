package com.silverjems.shop.identity;

import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up, email verification and password reset. Whatever the address, sign-up and reset answer
 * the same and do the same expensive work (hash the password), so neither tells anyone whether an
 * address has an account; what differs happens only in the emails the owner of the address gets.
 *
 * <p>The slow parts (rate limits on their own connections, the breached-password look-up, Argon2)
 * come first, outside any transaction; only the writes run in one, so a flood of sign-ups never
 * holds pool connections while waiting on the network or the CPU.
 */
@Service
class AccountLifecycle {

  private final Accounts accounts;
  private final PasswordPolicy policy;
  private final BoundedPasswordEncoder passwords;
  private final EmailTokens tokens;
  private final AccountEmails emails;
  private final RateLimits rateLimits;
  private final IdentityProperties properties;
  private final AccountSessions sessions;
  private final TransactionTemplate transaction;

  AccountLifecycle(
      Accounts accounts,
      PasswordPolicy policy,
      BoundedPasswordEncoder passwords,
      EmailTokens tokens,
      AccountEmails emails,
      RateLimits rateLimits,
      IdentityProperties properties,
      AccountSessions sessions,
      PlatformTransactionManager transactions) {
    this.accounts = accounts;
    this.policy = policy;
    this.passwords = passwords;
    this.tokens = tokens;
    this.emails = emails;
    this.rateLimits = rateLimits;
    this.properties = properties;
    this.sessions = sessions;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Registers a password account and emails a verification link. An address that already has an
   * account gets a new verification link if it is still unconfirmed, and nothing otherwise; its
   * password is never changed by a sign-up.
   */
  void register(String email, String password, String displayName, String clientAddress) {
    passwords.requireCapacity();
    limit(
        "register-ip",
        clientAddress,
        properties.rateLimits().registrationPerAddress(),
        "Too many sign-ups from your network.");
    policy.check(password, email);
    String hash = passwords.encode(password);
    transaction.executeWithoutResult(
        status ->
            accounts
                .create(email, displayName, hash, false)
                .ifPresentOrElse(
                    this::sendVerification,
                    () ->
                        accounts
                            .byEmail(email)
                            .filter(existing -> !existing.emailVerified())
                            .ifPresent(this::sendVerification)));
  }

  @Transactional
  void sendVerification(Account account) {
    if (!emails.mayEmail(account, AccountEmails.VERIFICATION)) {
      return; // The links sent today still work; no new one, and no old one revoked.
    }
    tokens.revokeAll(account.id(), EmailTokens.Purpose.EMAIL_VERIFICATION);
    emails.verificationRequested(
        account,
        tokens.issue(
            account.id(),
            EmailTokens.Purpose.EMAIL_VERIFICATION,
            properties.links().verificationTtl()));
  }

  @Transactional
  void verifyEmail(String token) {
    UUID accountId =
        tokens
            .consume(token, EmailTokens.Purpose.EMAIL_VERIFICATION)
            .orElseThrow(IdentityProblems.LinkInvalid::new);
    accounts.markEmailVerified(accountId);
  }

  /** Emails a reset link if the address has an account; answers the same either way. */
  void requestPasswordReset(String email, String clientAddress) {
    IdentityProperties.RateLimits limits = properties.rateLimits();
    limit("reset-ip", clientAddress, limits.resetPerAddress(), "Too many reset requests.");
    limit(
        "reset-account",
        Account.normalize(email),
        limits.resetPerAccount(),
        "Too many reset requests for this address.");
    transaction.executeWithoutResult(
        status ->
            accounts
                .byEmail(email)
                .filter(account -> emails.mayEmail(account, AccountEmails.PASSWORD_RESET))
                .ifPresent(
                    account -> {
                      tokens.revokeAll(account.id(), EmailTokens.Purpose.PASSWORD_RESET);
                      emails.passwordResetRequested(
                          account,
                          tokens.issue(
                              account.id(),
                              EmailTokens.Purpose.PASSWORD_RESET,
                              properties.links().resetTtl()));
                    }));
  }

  /**
   * Sets a new password from a reset link, confirms the address (the link reached it) and ends
   * every session of the account: whoever knew the old password is out.
   */
  void resetPassword(String token, String newPassword, String clientAddress) {
    limit(
        "reset-ip",
        clientAddress,
        properties.rateLimits().resetPerAddress(),
        "Too many reset attempts.");
    Account account =
        tokens
            .find(token, EmailTokens.Purpose.PASSWORD_RESET)
            .flatMap(accounts::byId)
            .orElseThrow(IdentityProblems.LinkInvalid::new);
    // The rules first: a rejected password must not use the link up.
    policy.check(newPassword, account.email());
    String hash = passwords.encode(newPassword);
    transaction.executeWithoutResult(
        status -> {
          tokens
              .consume(token, EmailTokens.Purpose.PASSWORD_RESET)
              .orElseThrow(IdentityProblems.LinkInvalid::new);
          accounts.setPasswordHash(account.id(), hash);
          accounts.markEmailVerified(account.id());
        });
    rateLimits.reset(
        PasswordSignIn.BY_ACCOUNT,
        Account.normalize(account.email()),
        properties.rateLimits().loginPerAccount());
    sessions.signOutEverywhere(account.id());
  }

  /** Changes the password of a signed-in account; its other sessions end. */
  void changePassword(Account account, String newPassword) {
    policy.check(newPassword, account.email());
    String hash = passwords.encode(newPassword);
    accounts.setPasswordHash(account.id(), hash);
  }

  private void limit(String scope, String key, IdentityProperties.Limit limit, String what) {
    Duration wait = rateLimits.take(scope, key, limit);
    if (!wait.isZero()) {
      throw new IdentityProblems.TooManyAttempts(
          what + " Try again in " + PasswordSignIn.minutes(wait) + ".", wait);
    }
  }
}
