package com.silverjems.routes.email;

import com.silverjems.routes.InsertOnceMessageIdRepository;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The outbox relay: claim due events (camel-sql), then for each, in parallel: validate, render,
 * send through camel-aws2-ses inside a transaction that also records the idempotency key and the
 * send, and finally mark the outbox row processed.
 *
 * <p>Exactly once, as far as SES allows: the key and the send record commit right after SES
 * accepts, before the row is marked; an instance that dies between the two leaves a row whose key
 * says "already sent", so the next claim only marks it. Only a death between SES accepting and that
 * commit (milliseconds) can send twice, and no protocol can close it: SES has no idempotency token.
 */
final class OutboxRelayRoutes extends RouteBuilder {

  static final String RELAY_ROUTE = "email-outbox-relay";
  static final String EVENT_ROUTE = "email-outbox-event";
  static final String SEND_ROUTE = "email-send";
  static final String SES_SEND = "ses-send";
  static final String MARK_PROCESSED = "mark-processed";

  private final RelaySteps steps;
  private final SendTransaction transaction;
  private final InsertOnceMessageIdRepository sentKeys;
  private final int parallelism;

  OutboxRelayRoutes(
      RelaySteps steps,
      SendTransaction transaction,
      InsertOnceMessageIdRepository sentKeys,
      int parallelism) {
    this.steps = steps;
    this.transaction = transaction;
    this.sentKeys = sentKeys;
    this.parallelism = parallelism;
  }

  @Override
  public void configure() {
    ExecutorService senders =
        getContext()
            .getExecutorServiceManager()
            .newFixedThreadPool(this, "email-relay", parallelism);

    from("sql:classpath:email/claim-outbox-events.sql?dataSource=#dataSource&useIterator=false"
            + "&routeEmptyResultSet=false&greedy=true&initialDelay=0"
            + "&delay={{silverjems.email.relay.poll-delay}}")
        .routeId(RELAY_ROUTE)
        .split(body())
        .parallelProcessing()
        .executorService(senders)
        .to("direct:" + EVENT_ROUTE)
        .end();

    from("direct:" + EVENT_ROUTE)
        .routeId(EVENT_ROUTE)
        .routeConfigurationId(EmailErrorPolicy.OUTBOX)
        .process(steps::prepare)
        .choice()
        .when(header(EmailHeaders.SENDS_EMAIL))
        .process(steps::render)
        .to("direct:" + SEND_ROUTE)
        .process(steps::afterSend)
        .filter(header(EmailHeaders.OUTCOME).isNotNull())
        .to(EmailMetrics.COUNT_OUTCOME)
        .end()
        .end()
        // The statement reads EmailHeaders.OUTBOX_ID.
        .to("sql:classpath:email/mark-processed.sql?dataSource=#dataSource")
        .id(MARK_PROCESSED);

    // Route configuration email-send has no error handler: a failure goes straight to the error
    // policy of email-outbox-event, which first rolls this transaction back (key and record).
    from("direct:" + SEND_ROUTE)
        .routeId(SEND_ROUTE)
        .routeConfigurationId(EmailErrorPolicy.SEND)
        .process(transaction::begin)
        .idempotentConsumer(header(EmailHeaders.IDEMPOTENCY_KEY), sentKeys)
        .eager(true)
        .completionEager(true)
        .skipDuplicate(false)
        .choice()
        .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
        .log(
            "Outbox event ${header."
                + EmailHeaders.OUTBOX_ID
                + "} was handed to SES before a restart; not sending it again")
        .when(steps::isSuppressed)
        .process(steps::recordSuppressed)
        .otherwise()
        // Right before the call: the slot is the moment SES sees the email, whatever the
        // database took for the key and the suppression check.
        .process(steps::acquirePermit)
        .to("micrometer:timer:" + EmailMetrics.SEND_TIMER + "?action=start")
        .to("aws2-ses:{{silverjems.email.from-address}}?amazonSESClient=#emailSesClient")
        .id(SES_SEND)
        .to("micrometer:timer:" + EmailMetrics.SEND_TIMER + "?action=stop")
        .process(steps::recordSent)
        .end()
        .end()
        .process(transaction::commit);
  }
}
