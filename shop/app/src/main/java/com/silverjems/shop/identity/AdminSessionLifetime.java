package com.silverjems.shop.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the total age of an admin session (the idle timeout alone would let a busy session live
 * forever): past {@code silverjems.identity.sessions.admin-max-lifetime} the session ends and the
 * request goes on anonymous, so the admin API answers 401. The same happens at the first request
 * after the account lost its admin role: the role in the session is a copy taken at sign-in.
 */
class AdminSessionLifetime extends OncePerRequestFilter {

  private final Duration maxLifetime;
  private final Clock clock;
  private final Accounts accounts;

  AdminSessionLifetime(Duration maxLifetime, Clock clock, Accounts accounts) {
    this.maxLifetime = maxLifetime;
    this.clock = clock;
    this.accounts = accounts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (session != null
        && authentication != null
        && authentication.getAuthorities().stream()
            .anyMatch(a -> a.getAuthority().equals(Authorities.ADMIN))
        && (tooOld(session) || !stillAdmin(authentication))) {
      session.invalidate();
      SecurityContextHolder.clearContext();
    }
    chain.doFilter(request, response);
  }

  private boolean tooOld(HttpSession session) {
    return session.getAttribute(AccountSessions.AUTHENTICATED_AT) instanceof Long signedInAt
        && clock.millis() - signedInAt > maxLifetime.toMillis();
  }

  private boolean stillAdmin(Authentication authentication) {
    try {
      return accounts
          .byId(java.util.UUID.fromString(authentication.getName()))
          .map(Account::isAdmin)
          .orElse(false);
    } catch (IllegalArgumentException notAnAccountId) {
      return false;
    }
  }
}
