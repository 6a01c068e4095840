package com.silverjems.shop.identity;

import java.util.List;
import java.util.UUID;

/**
 * What the storefront learns about its session. {@code next} says what the session still needs:
 * {@code none}, {@code mfa} (an admin must give a code) or {@code mfa-enrolment}.
 */
record SessionView(
    boolean authenticated,
    UUID accountId,
    String email,
    String displayName,
    List<String> roles,
    String next) {

  static final SessionView ANONYMOUS = new SessionView(false, null, null, null, List.of(), "none");

  static SessionView of(Account account, List<String> authorities) {
    String next =
        authorities.contains(Authorities.MFA_REQUIRED)
            ? "mfa"
            : authorities.contains(Authorities.MFA_ENROLMENT_REQUIRED) ? "mfa-enrolment" : "none";
    List<String> roles =
        authorities.stream()
            .filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring("ROLE_".length()).toLowerCase(java.util.Locale.ROOT))
            .toList();
    return new SessionView(true, account.id(), account.email(), account.displayName(), roles, next);
  }
}
