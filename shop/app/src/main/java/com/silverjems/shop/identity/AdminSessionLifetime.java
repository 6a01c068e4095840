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
 * request goes on anonymous, so the admin API answers 401.
 */
class AdminSessionLifetime extends OncePerRequestFilter {

  private final Duration maxLifetime;
  private final Clock clock;

  AdminSessionLifetime(Duration maxLifetime, Clock clock) {
    this.maxLifetime = maxLifetime;
    this.clock = clock;
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
        && session.getAttribute(AccountSessions.AUTHENTICATED_AT) instanceof Long signedInAt
        && clock.millis() - signedInAt > maxLifetime.toMillis()) {
      session.invalidate();
      SecurityContextHolder.clearContext();
    }
    chain.doFilter(request, response);
  }
}
