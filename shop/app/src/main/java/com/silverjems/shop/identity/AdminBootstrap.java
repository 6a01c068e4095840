package com.silverjems.shop.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first admin without SQL: at start-up, while the shop has no admin, it issues a single-use
 * link (72 hours) and prints it once, on one line starting {@value #MARKER}. The README's one
 * command reads that line from the shop's log group. Once an admin exists nothing is issued and an
 * old link is refused.
 */
@Component
class AdminBootstrap {

  static final String MARKER = "FIRST-ADMIN-LINK";
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final AdminInvitations invitations;

  AdminBootstrap(AdminInvitations invitations) {
    this.invitations = invitations;
  }

  @EventListener(ApplicationReadyEvent.class)
  void issueIfNoAdmin() {
    invitations
        .bootstrapIfNoAdmin()
        .ifPresentOrElse(
            issued ->
                log.warn(
                    "{} {} (no admin yet: open it within 72 hours to become the first admin; it"
                        + " works once, until {})",
                    MARKER,
                    issued.link(),
                    issued.expiresAt()),
            () ->
                log.info(
                    invitations.anyAdmin()
                        ? "First-admin link: none issued, the shop has an admin (admins invite"
                            + " admins on the admins page)"
                        : "First-admin link: none issued, the one an earlier start printed is"
                            + " still open"));
  }
}
