package com.silverjems.shop.identity;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a session may do. A shopper's session holds {@link #SHOPPER}. An admin's session holds
 * {@link #MFA_REQUIRED} (or {@link #MFA_ENROLMENT_REQUIRED}) after the password alone, and {@link
 * #ADMIN} + {@link #MFA_AUTHENTICATED} only once a TOTP or recovery code was accepted: the admin
 * API asks for both, so a password-only session never reaches it.
 */
final class Authorities {

  static final String SHOPPER = "ROLE_SHOPPER";
  static final String ADMIN = "ROLE_ADMIN";
  static final String MFA_AUTHENTICATED = "MFA_AUTHENTICATED";
  static final String MFA_REQUIRED = "MFA_REQUIRED";
  static final String MFA_ENROLMENT_REQUIRED = "MFA_ENROLMENT_REQUIRED";

  private Authorities() {}

  /** A session between the password and the second factor. */
  static boolean isMfaPending(String authority) {
    return authority.equals(MFA_REQUIRED) || authority.equals(MFA_ENROLMENT_REQUIRED);
  }

  static List<GrantedAuthority> of(String... names) {
    return java.util.Arrays.stream(names)
        .<GrantedAuthority>map(SimpleGrantedAuthority::new)
        .toList();
  }
}
