package com.silverjems.shop.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-up, sign-in (password, then the admin second factor), sign-out, email verification and
 * password reset. Google sign-in starts at {@code GET /api/auth/oauth2/authorization/google}.
 */
@RestController
@RequestMapping("/api/auth")
class AuthController {

  record Registration(
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank String password,
      @Size(max = 200) String displayName) {}

  record Credentials(@NotBlank String email, @NotBlank String password) {}

  record Token(@NotBlank String token) {}

  record ResetRequest(@NotBlank String email) {}

  record NewPassword(@NotBlank String token, @NotBlank String password) {}

  /** A TOTP code, or one of the recovery codes. */
  record SecondFactor(String code, String recoveryCode) {}

  record Code(@NotBlank String code) {}

  record RecoveryCodes(List<String> recoveryCodes) {}

  private final PasswordSignIn passwordSignIn;
  private final AccountLifecycle lifecycle;
  private final AccountSessions sessions;
  private final AdminMfa mfa;
  private final SignedIn signedIn;

  AuthController(
      PasswordSignIn passwordSignIn,
      AccountLifecycle lifecycle,
      AccountSessions sessions,
      AdminMfa mfa,
      SignedIn signedIn) {
    this.passwordSignIn = passwordSignIn;
    this.lifecycle = lifecycle;
    this.sessions = sessions;
    this.mfa = mfa;
    this.signedIn = signedIn;
  }

  @GetMapping("/session")
  SessionView session() {
    if (!SignedIn.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())) {
      return SessionView.ANONYMOUS;
    }
    return SessionView.of(signedIn.account(), SignedIn.authorities());
  }

  /** The CSRF token (also in the XSRF-TOKEN cookie) for clients that cannot read cookies. */
  @GetMapping("/csrf")
  Map<String, String> csrf(CsrfToken token) {
    return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
  }

  @PostMapping("/register")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> register(
      @Valid @RequestBody Registration registration, HttpServletRequest request) {
    lifecycle.register(
        registration.email(),
        registration.password(),
        registration.displayName(),
        request.getRemoteAddr());
    return Map.of(
        "detail",
        "Check your inbox: we have sent a link to confirm the address, if it can be used.");
  }

  @PostMapping("/email-verification")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void verifyEmail(@Valid @RequestBody Token token) {
    lifecycle.verifyEmail(token.token());
  }

  @PostMapping("/login")
  SessionView login(
      @Valid @RequestBody Credentials credentials,
      HttpServletRequest request,
      HttpServletResponse response) {
    Account account =
        passwordSignIn.signIn(credentials.email(), credentials.password(), request.getRemoteAddr());
    String authority =
        !account.isAdmin()
            ? Authorities.SHOPPER
            : mfa.isEnrolled(account.id())
                ? Authorities.MFA_REQUIRED
                : Authorities.MFA_ENROLMENT_REQUIRED;
    sessions.signIn(request, response, account.id(), Authorities.of(authority));
    return SessionView.of(account, List.of(authority));
  }

  @PostMapping("/logout")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void logout(HttpServletRequest request, HttpServletResponse response) {
    sessions.signOut(request, response);
  }

  @PostMapping("/password-reset")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> requestPasswordReset(
      @Valid @RequestBody ResetRequest reset, HttpServletRequest request) {
    lifecycle.requestPasswordReset(reset.email(), request.getRemoteAddr());
    return Map.of(
        "detail", "If an account uses this address, we have sent it a link to reset the password.");
  }

  @PostMapping("/password-reset/confirm")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void resetPassword(@Valid @RequestBody NewPassword reset, HttpServletRequest request) {
    lifecycle.resetPassword(reset.token(), reset.password(), request.getRemoteAddr());
  }

  /** Second step of an admin sign-in: a TOTP or recovery code makes the session an admin one. */
  @PostMapping("/mfa/verify")
  SessionView verifySecondFactor(
      @RequestBody SecondFactor factor, HttpServletRequest request, HttpServletResponse response) {
    Account admin = signedIn.account();
    if (!admin.isAdmin()) {
      throw new org.springframework.security.access.AccessDeniedException("No longer an admin");
    }
    mfa.verify(admin.id(), factor.code(), factor.recoveryCode(), request.getRemoteAddr());
    return adminSession(admin, request, response);
  }

  @PostMapping("/mfa/enrolment")
  AdminMfa.Enrolment startEnrolment(HttpServletRequest request) {
    return mfa.startEnrolment(signedIn.account(), request.getRemoteAddr());
  }

  /** Confirms enrolment with a first code; answers the recovery codes, shown this once. */
  @PostMapping("/mfa/enrolment/confirm")
  RecoveryCodes confirmEnrolment(
      @Valid @RequestBody Code code, HttpServletRequest request, HttpServletResponse response) {
    Account admin = signedIn.account();
    if (!admin.isAdmin()) {
      throw new org.springframework.security.access.AccessDeniedException("No longer an admin");
    }
    List<String> codes = mfa.confirmEnrolment(admin, code.code(), request.getRemoteAddr());
    adminSession(admin, request, response);
    return new RecoveryCodes(codes);
  }

  private SessionView adminSession(
      Account admin, HttpServletRequest request, HttpServletResponse response) {
    List<String> authorities =
        List.of(Authorities.ADMIN, Authorities.SHOPPER, Authorities.MFA_AUTHENTICATED);
    sessions.signIn(
        request, response, admin.id(), Authorities.of(authorities.toArray(String[]::new)));
    return SessionView.of(admin, authorities);
  }
}
