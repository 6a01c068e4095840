package com.silverjems.routes.email;

import java.util.Set;
import software.amazon.awssdk.services.ses.model.SesException;

/** What a failed try means for the email: wait and retry, slow down, or give up. */
enum SendFailure {
  /** SES asked us to slow down: the email is fine, try again after a pause, not counted. */
  THROTTLED,
  /** Might work later (network, SES 5xx, database): retry with backoff up to the limit. */
  TRANSIENT,
  /** Will never work as it is (invalid event, address SES refuses): dead letter at once. */
  PERMANENT;

  /** SES error codes that no retry can fix. */
  private static final Set<String> PERMANENT_SES_CODES =
      Set.of("MessageRejected", "InvalidParameterValue", "InvalidParameterCombination");

  static SendFailure classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidOutboxEvent || cause instanceof ClaimsExhausted) {
        return PERMANENT;
      }
      if (cause instanceof SesException ses) {
        String code = ses.awsErrorDetails() == null ? null : ses.awsErrorDetails().errorCode();
        if (ses.isThrottlingException() || "Throttling".equals(code)) {
          return THROTTLED;
        }
        return PERMANENT_SES_CODES.contains(code) ? PERMANENT : TRANSIENT;
      }
    }
    return TRANSIENT;
  }

  /** A one-line reason for logs and dead letters. */
  static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null
        && !(cause instanceof SesException)
        && !(cause instanceof InvalidOutboxEvent)) {
      cause = cause.getCause();
    }
    if (cause instanceof SesException ses && ses.awsErrorDetails() != null) {
      return "SES "
          + ses.awsErrorDetails().errorCode()
          + ": "
          + ses.awsErrorDetails().errorMessage();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
