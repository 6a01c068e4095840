package com.silverjems.shop.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in shopper's own account: profile, password, sessions. */
@RestController
@RequestMapping("/api/account")
class AccountController {

  record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {}

  private final SignedIn signedIn;
  private final PasswordSignIn passwordSignIn;
  private final AccountLifecycle lifecycle;
  private final AccountSessions sessions;

  AccountController(
      SignedIn signedIn,
      PasswordSignIn passwordSignIn,
      AccountLifecycle lifecycle,
      AccountSessions sessions) {
    this.signedIn = signedIn;
    this.passwordSignIn = passwordSignIn;
    this.lifecycle = lifecycle;
    this.sessions = sessions;
  }

  @GetMapping
  SessionView account() {
    return SessionView.of(signedIn.account(), SignedIn.authorities());
  }

  /** Needs the current password (a session left open is not enough); other sessions end. */
  @PostMapping("/password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void changePassword(@Valid @RequestBody PasswordChange change, HttpServletRequest request) {
    Account account = signedIn.account();
    passwordSignIn.check(account.email(), change.currentPassword(), request.getRemoteAddr());
    lifecycle.changePassword(account, change.newPassword());
    sessions.signOutOtherSessions(account.id(), request);
  }

  /** Log out everywhere: every session of this account, on every device, this one included. */
  @PostMapping("/sessions/revoke")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void signOutEverywhere(HttpServletRequest request, HttpServletResponse response) {
    Account account = signedIn.account();
    sessions.signOutOtherSessions(account.id(), request);
    sessions.signOut(request, response);
  }
}
