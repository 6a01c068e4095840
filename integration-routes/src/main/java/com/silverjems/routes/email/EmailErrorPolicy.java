package com.silverjems.routes.email;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The email group's error policy. Each email route names the configuration it follows with {@code
 * routeConfigurationId}; a route that names none gets Camel's default (the exception propagates),
 * which is what a transacted sub-route needs to roll back.
 */
final class EmailErrorPolicy extends RouteConfigurationBuilder {

  /**
   * Handling one outbox event: every failure is handled (never propagated to the poll) by {@link
   * RelayFailures}, which slows down, reschedules with backoff or dead-letters, then counts the
   * outcome.
   */
  static final String OUTBOX = "email-outbox";

  /**
   * The relay's send transaction: no error handler, so that a failure reaches {@link #OUTBOX} of
   * the calling route (Camel skips a caller's policy for an exception a sub-route's error handler
   * already saw).
   */
  static final String SEND = "email-send";

  private final RelayFailures failures;

  EmailErrorPolicy(RelayFailures failures) {
    this.failures = failures;
  }

  @Override
  public void configuration() {
    routeConfiguration(OUTBOX)
        .onException(Exception.class)
        .handled(true)
        .logExhausted(false)
        .process(failures::handle)
        .to(EmailMetrics.COUNT_OUTCOME);

    routeConfiguration(SEND).errorHandler(noErrorHandler());
  }
}
