package com.silverjems.routes.email;

/** Message headers the email routes share; values are plain strings or numbers. */
final class EmailHeaders {
  static final String OUTBOX_ID = "SilverjemsOutboxId";
  static final String EVENT_TYPE = "SilverjemsEventType";
  static final String ATTEMPTS = "SilverjemsAttempts";
  static final String GENERATION = "SilverjemsGeneration";
  static final String IDEMPOTENCY_KEY = "SilverjemsIdempotencyKey";
  static final String RECIPIENT = "SilverjemsRecipient";
  static final String SENDS_EMAIL = "SilverjemsSendsEmail";

  /** What became of the email: a value of {@link EmailOutcome}, or absent. */
  static final String OUTCOME = "SilverjemsEmailOutcome";

  private EmailHeaders() {}
}
