package com.silverjems.shop.identity;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Checks an address and password, under the rate limits: per client address, and per account (keyed
 * by the address typed, whether an account has it or not, so a lock says nothing about who has an
 * account). Unknown addresses cost one Argon2 comparison against a dummy hash, as known ones do:
 * the answer takes as long either way.
 *
 * <p>No transaction spans a sign-in: each rate limit takes a pool connection of its own, and the
 * password hash takes tens of milliseconds. Holding one connection while waiting for another (or
 * for a hashing permit) is how 20 parallel sign-ins used to stall every request of the replica.
 */
@Service
class PasswordSignIn {

  static final String BY_ADDRESS = "login-ip";
  static final String BY_ACCOUNT = "login-account";

  private final Accounts accounts;
  private final BoundedPasswordEncoder passwords;
  private final RateLimits rateLimits;
  private final IdentityProperties.RateLimits limits;
  private final LoginMetrics metrics;
  private final AccountLifecycle lifecycle;
  private final String dummyHash;

  PasswordSignIn(
      Accounts accounts,
      BoundedPasswordEncoder passwords,
      RateLimits rateLimits,
      IdentityProperties properties,
      LoginMetrics metrics,
      AccountLifecycle lifecycle) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.rateLimits = rateLimits;
    this.limits = properties.rateLimits();
    this.metrics = metrics;
    this.lifecycle = lifecycle;
    this.dummyHash = passwords.encode("not a real password " + System.nanoTime());
  }

  /**
   * @return the account whose password this is
   * @throws IdentityProblems.TooManyAttempts when a rate limit ran out (429, Retry-After)
   * @throws IdentityProblems.BadCredentials when the address or password is wrong
   * @throws IdentityProblems.EmailNotVerified when the password is right but the address was never
   *     confirmed (a new link is sent)
   */
  Account signIn(String email, String password, String clientAddress) {
    Account account = check(email, password, clientAddress);
    if (!account.emailVerified()) {
      lifecycle.sendVerification(account);
      throw new IdentityProblems.EmailNotVerified();
    }
    metrics.count(LoginMetrics.Outcome.SUCCESS);
    return account;
  }

  /** The password check alone (sign-in, re-authentication, password change). */
  Account check(String email, String password, String clientAddress) {
    passwords.requireCapacity();
    Duration wait = rateLimits.take(BY_ADDRESS, clientAddress, limits.loginPerAddress());
    if (!wait.isZero()) {
      metrics.count(LoginMetrics.Outcome.RATE_LIMITED);
      throw new IdentityProblems.TooManyAttempts(
          "Too many sign-in attempts from your network. Try again in " + minutes(wait) + ".", wait);
    }
    String key = Account.normalize(email);
    wait = rateLimits.take(BY_ACCOUNT, key, limits.loginPerAccount());
    if (!wait.isZero()) {
      metrics.count(LoginMetrics.Outcome.LOCKED);
      throw new IdentityProblems.TooManyAttempts(
          "Too many failed sign-in attempts for this account: it is locked for "
              + minutes(wait)
              + ". You can reset your password meanwhile.",
          wait);
    }
    Optional<Account> account = accounts.byEmail(email);
    String hash = account.map(Account::passwordHash).orElse(null);
    boolean matches =
        password != null
            && password.length() <= PasswordPolicy.MAX_LENGTH
            && passwords.matches(password, hash == null ? dummyHash : hash)
            && hash != null;
    if (!matches) {
      metrics.count(LoginMetrics.Outcome.BAD_CREDENTIALS);
      throw new IdentityProblems.BadCredentials();
    }
    rateLimits.reset(BY_ACCOUNT, key, limits.loginPerAccount());
    if (passwords.upgradeEncoding(hash)) {
      accounts.setPasswordHash(account.get().id(), passwords.encode(password));
    }
    return account.get();
  }

  static String minutes(Duration wait) {
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
