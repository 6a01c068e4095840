package com.silverjems.routes.delivery;

import com.silverjems.routes.InsertOnceMessageIdRepository;
import java.net.URI;
import org.apache.camel.builder.RouteBuilder;

/**
 * SES -> SNS -> SQS delivery events. camel-aws2-sqs deletes a message only when its exchange
 * completes: after the transaction that applied it (and recorded its SNS message id, so a
 * redelivery changes nothing) committed, or after it was rejected as forged or malformed. Any other
 * failure leaves it in the queue for SQS to redeliver.
 */
final class DeliveryEventRoutes extends RouteBuilder {

  static final String CONSUME_ROUTE = "email-delivery-events";
  static final String APPLY_ROUTE = "email-delivery-event-apply";
  static final String APPLY_STEP = "apply-delivery-event";

  /** The transaction policy's bean name: Camel's {@code transacted} takes a policy by name only. */
  static final String TRANSACTION = "deliveryEventTransaction";

  private final DeliveryEventSteps steps;
  private final InsertOnceMessageIdRepository appliedMessages;
  private final URI queueUrl;

  /** {@code queueUrl} null: Camel finds the queue by name (ListQueues), as in the local run. */
  DeliveryEventRoutes(
      DeliveryEventSteps steps, InsertOnceMessageIdRepository appliedMessages, URI queueUrl) {
    this.steps = steps;
    this.appliedMessages = appliedMessages;
    this.queueUrl = queueUrl;
  }

  @Override
  public void configure() {
    from("aws2-sqs:{{silverjems.delivery.queue}}?amazonSQSClient=#deliverySqsClient"
            + (queueUrl == null ? "" : "&queueUrl=RAW(" + queueUrl + ")")
            + "&deleteAfterRead=true&maxMessagesPerPoll=10"
            + "&waitTimeSeconds={{silverjems.delivery.wait-time-seconds:20}}"
            + "&concurrentConsumers={{silverjems.delivery.concurrent-consumers}}")
        .routeId(CONSUME_ROUTE)
        .routeConfigurationId(DeliveryErrorPolicy.ID)
        .process(steps::verify)
        .filter(header(DeliveryHeaders.IS_NOTIFICATION))
        .to("direct:" + APPLY_ROUTE)
        .process(steps::countApplied)
        .end();

    // No route configuration: a failure rolls the transaction back and fails the SQS exchange.
    from("direct:" + APPLY_ROUTE)
        .routeId(APPLY_ROUTE)
        .transacted(TRANSACTION)
        .idempotentConsumer(header(DeliveryHeaders.SNS_MESSAGE_ID), appliedMessages)
        .eager(true)
        .completionEager(true)
        .skipDuplicate(true)
        .process(steps::apply)
        .id(APPLY_STEP)
        .end();
  }
}
