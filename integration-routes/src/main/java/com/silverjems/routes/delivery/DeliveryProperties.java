package com.silverjems.routes.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the delivery-events route group ({@code silverjems.delivery.*}).
 *
 * @param queue SQS queue (name) subscribed to the SES events topic (SILVERJEMS_DELIVERY_QUEUE)
 * @param topicArns SNS topics whose messages we accept; any other topic is rejected as forged
 * @param sqs how to reach SQS
 * @param concurrentConsumers SQS pollers per instance
 * @param maxResends resends after soft bounces before the email is dead-lettered
 * @param resendBackoffBase delay before the first resend; doubles for each, with jitter
 * @param resendBackoffMax ceiling of that delay
 * @param queueUrl the queue's URL (SILVERJEMS_DELIVERY_QUEUEURL); without it the consumer looks the
 *     name up with sqs:ListQueues, which the task role does not grant
 */
@ConfigurationProperties("silverjems.delivery")
public record DeliveryProperties(
    String queue,
    Set<String> topicArns,
    Sqs sqs,
    int concurrentConsumers,
    int maxResends,
    Duration resendBackoffBase,
    Duration resendBackoffMax,
    URI queueUrl) {

  /**
   * @param region AWS region of the queue
   * @param endpoint endpoint override (ElasticMQ in tests and the local run); absent in production
   */
  public record Sqs(String region, URI endpoint) {}

  /** Fails start-up of the delivery-events group, naming the missing setting. */
  DeliveryProperties checkedForConsuming() {
    if (queue == null || queue.isBlank()) {
      throw new IllegalArgumentException(
          "silverjems.delivery.queue (SILVERJEMS_DELIVERY_QUEUE) is not set: the delivery-events"
              + " group needs the SQS queue subscribed to the SES events topic");
    }
    if (topicArns == null || topicArns.isEmpty()) {
      throw new IllegalArgumentException(
          "silverjems.delivery.topic-arns (SILVERJEMS_DELIVERY_TOPICARNS) is not set: without it"
              + " every notification would be rejected as forged");
    }
    if (sqs == null || sqs.region() == null || sqs.region().isBlank()) {
      throw new IllegalArgumentException("silverjems.delivery.sqs.region (AWS_REGION) is not set");
    }
    if (maxResends < 0 || concurrentConsumers < 1) {
      throw new IllegalArgumentException(
          "silverjems.delivery: max-resends must be >= 0 and concurrent-consumers >= 1");
    }
    return this;
  }
}
