package com.silverjems.shop.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Puts an account into the server-side session (Spring Session JDBC) and takes it out again. The
 * principal's name is the account id: stable when the address changes, and the index that "log out
 * everywhere" searches. Only Spring Security's own serialisable types go into the session, so a new
 * release of the shop can read the sessions of the previous one during a rolling deployment.
 */
@Component
class AccountSessions {

  /** Epoch millis of the sign-in that created the session's current authentication. */
  static final String AUTHENTICATED_AT = "silverjems.identity.authenticatedAt";

  /** Epoch millis of the last password + second factor check (admins). */
  static final String MFA_VERIFIED_AT = "silverjems.identity.mfaVerifiedAt";

  private final SecurityContextRepository contexts;
  private final CsrfTokenRepository csrfTokens;
  private final FindByIndexNameSessionRepository<? extends Session> sessions;
  private final IdentityProperties.Sessions settings;
  private final Clock clock;

  AccountSessions(
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      FindByIndexNameSessionRepository<? extends Session> sessions,
      IdentityProperties properties,
      Clock clock) {
    this.contexts = contexts;
    this.csrfTokens = csrfTokens;
    this.sessions = sessions;
    this.settings = properties.sessions();
    this.clock = clock;
  }

  /**
   * Signs {@code accountId} in with {@code authorities}, under a new session id (session fixation:
   * an id planted before sign-in is worthless after it) and a new CSRF token.
   */
  void signIn(
      HttpServletRequest request,
      HttpServletResponse response,
      UUID accountId,
      Collection<? extends GrantedAuthority> authorities) {
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    HttpSession session = request.getSession(true);
    Authentication authentication =
        UsernamePasswordAuthenticationToken.authenticated(accountId.toString(), null, authorities);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    long now = clock.millis();
    session.setAttribute(AUTHENTICATED_AT, now);
    if (authorities.stream().anyMatch(a -> a.getAuthority().equals(Authorities.ADMIN))) {
      session.setAttribute(MFA_VERIFIED_AT, now);
      // Admin sessions idle out sooner than shoppers'; AdminSessionLifetime caps their total age.
      session.setMaxInactiveInterval((int) settings.adminIdleTimeout().toSeconds());
    } else {
      session.removeAttribute(MFA_VERIFIED_AT);
      if (authorities.stream().anyMatch(a -> Authorities.isMfaPending(a.getAuthority()))) {
        // Only good for typing a code: minutes, not the shopper's 12 hours.
        session.setMaxInactiveInterval((int) settings.mfaPendingTimeout().toSeconds());
      }
    }
    csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
  }

  /** Records a fresh password + code check, for actions that need one. */
  void reauthenticated(HttpServletRequest request) {
    request.getSession().setAttribute(MFA_VERIFIED_AT, clock.millis());
  }

  /**
   * @throws IdentityProblems.ReauthenticationRequired unless password + code were checked within
   *     the re-authentication window
   */
  void requireRecentAuthentication(HttpServletRequest request) {
    Duration window = settings.reauthenticationWindow();
    HttpSession session = request.getSession(false);
    Object verifiedAt = session == null ? null : session.getAttribute(MFA_VERIFIED_AT);
    if (!(verifiedAt instanceof Long millis) || clock.millis() - millis > window.toMillis()) {
      throw new IdentityProblems.ReauthenticationRequired(window);
    }
  }

  /** Ends this session (and rotates the CSRF token). */
  void signOut(HttpServletRequest request, HttpServletResponse response) {
    new SecurityContextLogoutHandler()
        .logout(request, response, SecurityContextHolder.getContext().getAuthentication());
    csrfTokens.saveToken(null, request, response);
  }

  /** Ends every session of the account, on every replica (they all read the same table). */
  int signOutEverywhere(UUID accountId) {
    var found = sessions.findByPrincipalName(accountId.toString()).keySet();
    found.forEach(sessions::deleteById);
    return found.size();
  }

  /** Ends every session of the account except the one making this request. */
  void signOutOtherSessions(UUID accountId, HttpServletRequest request) {
    HttpSession current = request.getSession(false);
    sessions.findByPrincipalName(accountId.toString()).keySet().stream()
        .filter(id -> current == null || !id.equals(current.getId()))
        .forEach(sessions::deleteById);
  }
}
