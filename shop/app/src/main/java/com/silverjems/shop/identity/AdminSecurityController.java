package com.silverjems.shop.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin's own second factor, and resetting another admin's. Changes need a re-authentication
 * (password + code) within the last few minutes, not just an admin session.
 */
@RestController
@RequestMapping("/api/admin")
class AdminSecurityController {

  record Reauthentication(@NotBlank String password, @NotBlank String code) {}

  private final SignedIn signedIn;
  private final AdminMfa mfa;
  private final AccountSessions sessions;
  private final PasswordSignIn passwordSignIn;

  AdminSecurityController(
      SignedIn signedIn, AdminMfa mfa, AccountSessions sessions, PasswordSignIn passwordSignIn) {
    this.signedIn = signedIn;
    this.mfa = mfa;
    this.sessions = sessions;
    this.passwordSignIn = passwordSignIn;
  }

  @GetMapping("/mfa")
  AdminMfa.Status status() {
    return mfa.status(signedIn.account().id());
  }

  /** Proves it is still the admin at the keyboard; opens the window for sensitive actions. */
  @PostMapping("/reauthentication")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void reauthenticate(@Valid @RequestBody Reauthentication proof, HttpServletRequest request) {
    Account admin = signedIn.account();
    passwordSignIn.check(admin.email(), proof.password(), request.getRemoteAddr());
    mfa.verify(admin.id(), proof.code(), null, request.getRemoteAddr());
    sessions.reauthenticated(request);
  }

  @PostMapping("/mfa/recovery-codes")
  AuthController.RecoveryCodes regenerateRecoveryCodes(HttpServletRequest request) {
    sessions.requireRecentAuthentication(request);
    return new AuthController.RecoveryCodes(
        mfa.regenerateRecoveryCodes(signedIn.account().id(), request.getRemoteAddr()));
  }

  /** For an admin who lost their phone and recovery codes: they enrol again, signed out now. */
  @DeleteMapping("/accounts/{accountId}/mfa")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void resetSecondFactor(@PathVariable UUID accountId, HttpServletRequest request) {
    sessions.requireRecentAuthentication(request);
    mfa.reset(signedIn.account().id(), accountId, request.getRemoteAddr());
    sessions.signOutEverywhere(accountId);
  }
}
