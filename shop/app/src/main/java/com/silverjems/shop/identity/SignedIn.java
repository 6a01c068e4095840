package com.silverjems.shop.identity;

import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The account of the current request's session. */
@Component
class SignedIn {

  private final Accounts accounts;

  SignedIn(Accounts accounts) {
    this.accounts = accounts;
  }

  static boolean isAuthenticated(Authentication authentication) {
    return authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
  }

  /** The signed-in account; a session whose account was deleted counts as no session. */
  Account account() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!isAuthenticated(authentication)) {
      throw new org.springframework.security.authentication.InsufficientAuthenticationException(
          "No session");
    }
    return accounts
        .byId(UUID.fromString(authentication.getName()))
        .orElseThrow(
            () ->
                new org.springframework.security.authentication.InsufficientAuthenticationException(
                    "Account gone"));
  }

  static List<String> authorities() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null
        ? List.of()
        : authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
