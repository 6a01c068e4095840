package com.silverjems.shop.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.password.CompromisedPasswordChecker;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (NIST SP 800-63B): long enough, not absurdly long (hashing cost), not
 * a trivial pattern, not the address itself, and not in a known breach (Have I Been Pwned's range
 * API through {@link CompromisedPasswordChecker}). No composition rules: they make passwords worse.
 */
@Component
class PasswordPolicy {

  static final int MAX_LENGTH = 128;

  private final int minLength;
  private final CompromisedPasswordChecker breaches;

  PasswordPolicy(IdentityProperties properties, CompromisedPasswordChecker breaches) {
    this.minLength = properties.passwords().minLength();
    this.breaches = breaches;
  }

  /**
   * @throws IdentityProblems.PasswordRejected listing every rule the password breaks
   */
  void check(String password, String email) {
    List<String> reasons = new ArrayList<>();
    String candidate = password == null ? "" : password;
    int length = candidate.codePointCount(0, candidate.length());
    if (length < minLength) {
      reasons.add("Use at least " + minLength + " characters.");
    }
    if (length > MAX_LENGTH) {
      reasons.add("Use at most " + MAX_LENGTH + " characters.");
    }
    if (length >= minLength && candidate.codePoints().distinct().count() < 5) {
      reasons.add("Use more different characters.");
    }
    String lower = candidate.toLowerCase(Locale.ROOT);
    String localPart = Account.normalize(email).split("@", 2)[0];
    if (localPart.length() >= 4 && lower.contains(localPart)) {
      reasons.add("Do not use your email address in your password.");
    }
    if (lower.replaceAll("[^a-z]", "").contains("silverjems")) {
      reasons.add("Do not use the shop's name in your password.");
    }
    if (reasons.isEmpty() && breaches.check(candidate).isCompromised()) {
      reasons.add(
          "This password appears in known data breaches, so attackers try it first; choose"
              + " another.");
    }
    if (!reasons.isEmpty()) {
      throw new IdentityProblems.PasswordRejected(reasons);
    }
  }
}
