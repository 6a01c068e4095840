package com.silverjems.shop.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * What can go wrong signing in, each an RFC 7807 problem. Types the storefront reacts to (a second
 * factor to ask for, a re-authentication, a wait) have their own URI; messages never say whether an
 * address has an account.
 */
final class IdentityProblems {

  static final String TYPE_BASE = "https://silverjems.example/problems/";

  private IdentityProblems() {}

  private static ProblemDetail problem(
      HttpStatusCode status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (type != null) {
      problem.setType(URI.create(TYPE_BASE + type));
    }
    return problem;
  }

  /** The address and password do not match an account (or the account has no password). */
  static final class BadCredentials extends ErrorResponseException {
    BadCredentials() {
      super(
          HttpStatus.UNAUTHORIZED,
          problem(
              HttpStatus.UNAUTHORIZED,
              "bad-credentials",
              "Sign-in failed",
              "The email address or password is incorrect."),
          null);
    }
  }

  /** The password was right but the address was never confirmed; a new link was sent. */
  static final class EmailNotVerified extends ErrorResponseException {
    EmailNotVerified() {
      super(
          HttpStatus.FORBIDDEN,
          problem(
              HttpStatus.FORBIDDEN,
              "email-not-verified",
              "Email address not confirmed",
              "Confirm your email address first: we have sent you a new link."),
          null);
    }
  }

  /**
   * Every password-hashing permit is taken (a flood of sign-ins or sign-ups): come back shortly.
   * 503, not 429: it says nothing about this client, only that the shop is busy.
   */
  static final class PasswordHashingBusy extends ErrorResponseException {
    private final HttpHeaders headers = new HttpHeaders();

    PasswordHashingBusy(Duration retryAfter) {
      super(
          HttpStatus.SERVICE_UNAVAILABLE,
          problem(
              HttpStatus.SERVICE_UNAVAILABLE,
              "busy",
              "Too busy right now",
              "We are checking a lot of passwords at the moment. Please try again in a few"
                  + " seconds."),
          null);
      long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      getBody().setProperty("retryAfterSeconds", seconds);
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }
  }

  /** A rate limit ran out; {@code Retry-After} says when to try again. */
  static final class TooManyAttempts extends ErrorResponseException {
    private final HttpHeaders headers = new HttpHeaders();

    TooManyAttempts(String detail, Duration retryAfter) {
      super(
          HttpStatus.TOO_MANY_REQUESTS,
          problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts", detail),
          null);
      long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      getBody().setProperty("retryAfterSeconds", seconds);
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }
  }

  /** A new password breaks the password rules; {@code reasons} lists which. */
  static final class PasswordRejected extends ErrorResponseException {
    PasswordRejected(List<String> reasons) {
      super(
          HttpStatus.UNPROCESSABLE_ENTITY,
          problem(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "password-rejected",
              "Choose another password",
              String.join(" ", reasons)),
          null);
      getBody().setProperty("reasons", reasons);
    }
  }

  /** An emailed link was used, expired or never existed. */
  static final class LinkInvalid extends ErrorResponseException {
    LinkInvalid() {
      super(
          HttpStatus.BAD_REQUEST,
          problem(
              HttpStatus.BAD_REQUEST,
              "link-invalid",
              "Link invalid or expired",
              "This link is invalid or has expired; ask for a new one."),
          null);
    }
  }

  /** A TOTP or recovery code was wrong, already used, or outside the one-step clock skew. */
  static final class MfaCodeRejected extends ErrorResponseException {
    MfaCodeRejected() {
      super(
          HttpStatus.UNAUTHORIZED,
          problem(
              HttpStatus.UNAUTHORIZED,
              "mfa-code-rejected",
              "Code not accepted",
              "The code is not valid. Codes change every 30 seconds and work once."),
          null);
    }
  }

  /** Too many wrong codes in a row: the factor stays locked until another admin resets it. */
  static final class MfaLocked extends ErrorResponseException {
    MfaLocked() {
      super(
          HttpStatus.FORBIDDEN,
          problem(
              HttpStatus.FORBIDDEN,
              "mfa-locked",
              "Second factor locked",
              "Too many wrong codes: your second factor is locked. Ask another admin to reset it."),
          null);
    }
  }

  /** A sensitive admin action needs password + code again (the last check is too old). */
  static final class ReauthenticationRequired extends ErrorResponseException {
    ReauthenticationRequired(Duration window) {
      super(
          HttpStatus.FORBIDDEN,
          problem(
              HttpStatus.FORBIDDEN,
              "reauthentication-required",
              "Confirm it is you",
              "This action needs your password and a fresh code (within the last "
                  + window.toMinutes()
                  + " minutes): POST them to /api/admin/reauthentication."),
          null);
    }
  }

  /** TOTP enrolment asked twice, or confirmed without being started. */
  static final class MfaEnrolmentConflict extends ErrorResponseException {
    MfaEnrolmentConflict(String detail) {
      super(
          HttpStatus.CONFLICT,
          problem(HttpStatus.CONFLICT, "mfa-enrolment-conflict", "MFA enrolment", detail),
          null);
    }
  }

  /** No admin account with that id. */
  static final class AdminNotFound extends ErrorResponseException {
    AdminNotFound() {
      super(
          HttpStatus.NOT_FOUND,
          problem(HttpStatus.NOT_FOUND, null, "Not found", "No admin account has that id."),
          null);
    }
  }

  /** An invitation to an address that is an admin already. */
  static final class AlreadyAdmin extends ErrorResponseException {
    AlreadyAdmin() {
      super(
          HttpStatus.CONFLICT,
          problem(
              HttpStatus.CONFLICT,
              "already-admin",
              "Already an admin",
              "This address belongs to an admin already."),
          null);
    }
  }

  static final class InvitationNotFound extends ErrorResponseException {
    InvitationNotFound() {
      super(
          HttpStatus.NOT_FOUND,
          problem(
              HttpStatus.NOT_FOUND,
              null,
              "Not found",
              "No open invitation has that id (accepted, revoked or never sent)."),
          null);
    }
  }

  /** An invitation link used with another address than the one it was sent to. */
  static final class InvitationForAnotherAddress extends ErrorResponseException {
    InvitationForAnotherAddress() {
      super(
          HttpStatus.BAD_REQUEST,
          problem(
              HttpStatus.BAD_REQUEST,
              "invitation-for-another-address",
              "Invitation for another address",
              "This invitation was sent to another email address: use that one."),
          null);
    }
  }

  /** The first-admin link, used once an admin exists. */
  static final class AdminExists extends ErrorResponseException {
    AdminExists() {
      super(
          HttpStatus.CONFLICT,
          problem(
              HttpStatus.CONFLICT,
              "admin-exists",
              "An admin exists already",
              "The first-admin link works only while the shop has no admin: ask an admin to"
                  + " invite you."),
          null);
    }
  }

  /** Removing the only admin would leave the shop without one. */
  static final class LastAdmin extends ErrorResponseException {
    LastAdmin() {
      super(
          HttpStatus.CONFLICT,
          problem(
              HttpStatus.CONFLICT,
              "last-admin",
              "The last admin cannot be removed",
              "Invite another admin first: the shop must keep at least one."),
          null);
    }
  }
}
