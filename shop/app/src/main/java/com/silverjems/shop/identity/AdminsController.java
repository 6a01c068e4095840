package com.silverjems.shop.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admins screen's API, and accepting an invitation (the one route for people not signed in).
 */
@RestController
class AdminsController {

  record Team(
      UUID you,
      List<AdminInvitations.AdminView> admins,
      List<AdminInvitations.Pending> invitations) {}

  record Invitation(@NotBlank @Email @Size(max = 254) String email) {}

  record Sent(UUID id, String email, Instant expiresAt) {}

  record Acceptance(
      @NotBlank String token,
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank String password,
      @Size(max = 200) String displayName) {}

  private final AdminInvitations invitations;
  private final SignedIn signedIn;

  AdminsController(AdminInvitations invitations, SignedIn signedIn) {
    this.invitations = invitations;
    this.signedIn = signedIn;
  }

  @GetMapping("/api/admin/admins")
  Team team() {
    return new Team(signedIn.account().id(), invitations.admins(), invitations.pending());
  }

  @PostMapping("/api/admin/admins/invitations")
  @ResponseStatus(HttpStatus.CREATED)
  Sent invite(@Valid @RequestBody Invitation invitation, HttpServletRequest request) {
    AdminInvitations.Issued issued =
        invitations.invite(signedIn.account(), invitation.email(), request.getRemoteAddr());
    return new Sent(issued.id(), invitation.email().trim(), issued.expiresAt());
  }

  @DeleteMapping("/api/admin/admins/invitations/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable UUID id, HttpServletRequest request) {
    invitations.revoke(signedIn.account(), id, request.getRemoteAddr());
  }

  @DeleteMapping("/api/admin/admins/{accountId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable UUID accountId, HttpServletRequest request) {
    invitations.remove(signedIn.account(), accountId, request.getRemoteAddr());
  }

  /** Then sign in as usual: an admin without a second factor must enrol one first. */
  @PostMapping("/api/auth/admin-invitation")
  AdminInvitations.Accepted accept(
      @Valid @RequestBody Acceptance acceptance, HttpServletRequest request) {
    return invitations.accept(
        acceptance.token(),
        acceptance.email(),
        acceptance.password(),
        acceptance.displayName(),
        request.getRemoteAddr());
  }
}
