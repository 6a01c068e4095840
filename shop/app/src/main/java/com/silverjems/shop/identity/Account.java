package com.silverjems.shop.identity;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** An account as sign-in sees it. {@code passwordHash} is null for Google-only accounts. */
record Account(
    UUID id,
    String email,
    String displayName,
    String passwordHash,
    boolean emailVerified,
    Set<String> roles) {

  boolean isAdmin() {
    return roles.contains("ADMIN");
  }

  /** The form an address is unique in: trimmed and lower-cased. */
  static String normalize(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
