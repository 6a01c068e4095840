package com.silverjems.routes.email;

import com.silverjems.routes.ConditionalOnRouteGroup;
import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the shop's admin UI needs from the email hub: the suppression list and the dead letters, and
 * the two actions on them. Internal: the hub's port is reachable only from the shop's security
 * group (the shop authenticates the admin, password + TOTP, and calls this on their behalf).
 */
@RestController
@ConditionalOnRouteGroup({RouteGroup.EMAIL, RouteGroup.DELIVERY_EVENTS})
@RequestMapping("/api/admin/email")
class EmailAdminController {

  private static final int MAX_PAGE = 200;

  private final Suppressions suppressions;
  private final DeadLetters deadLetters;
  private final SentEmails sentEmails;

  EmailAdminController(Suppressions suppressions, DeadLetters deadLetters, SentEmails sentEmails) {
    this.suppressions = suppressions;
    this.deadLetters = deadLetters;
    this.sentEmails = sentEmails;
  }

  /** What was handed to SES for one address, newest first. */
  @GetMapping("/sends")
  List<SentEmails.SentEmail> sends(
      @RequestParam String recipient, @RequestParam(defaultValue = "20") int limit) {
    return sentEmails.to(recipient, clamp(limit));
  }

  @GetMapping("/suppressions")
  List<Suppressions.Suppression> suppressions(
      @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
    return suppressions.list(clamp(limit), Math.max(0, offset));
  }

  /** Lifts a suppression; 404 when the address was not suppressed. */
  @DeleteMapping("/suppressions/{email}")
  ResponseEntity<Void> lift(@PathVariable String email) {
    return suppressions.lift(email)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  @GetMapping("/dead-letters")
  List<DeadLetters.DeadLetter> deadLetters(
      @RequestParam(defaultValue = "false") boolean includeRedriven,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    return deadLetters.list(includeRedriven, clamp(limit), Math.max(0, offset));
  }

  /** Sends the email again on the relay's next poll: 202, the send itself is asynchronous. */
  @PostMapping("/dead-letters/{id}/redrive")
  ResponseEntity<Void> redrive(@PathVariable long id) {
    deadLetters.redrive(id);
    return ResponseEntity.accepted().build();
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(MAX_PAGE, limit));
  }
}
