package com.silverjems.routes.emulators;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ, an SQS-compatible server, in this JVM on a free loopback port. */
public final class InProcessSqs implements AutoCloseable {

  public static final String REGION = "eu-west-1";

  private final SQSRestServer server;
  private final URI endpoint;
  private final SqsClient client;

  private InProcessSqs(SQSRestServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.client =
        SqsClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(endpoint)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
  }

  public static InProcessSqs start() {
    AwsTestCredentials.install();
    SQSRestServer server =
        SQSRestServerBuilder.withInterface("127.0.0.1")
            .withDynamicPort()
            .withAWSRegion(REGION)
            .start();
    int port = server.waitUntilStarted().localAddress().getPort();
    return new InProcessSqs(server, port);
  }

  public URI endpoint() {
    return endpoint;
  }

  public SqsClient client() {
    return client;
  }

  /** Creates the queue (idempotent) and returns its URL. */
  public String createQueue(String name, int visibilityTimeoutSeconds) {
    return client
        .createQueue(
            b ->
                b.queueName(name)
                    .attributes(
                        Map.of(
                            QueueAttributeName.VISIBILITY_TIMEOUT,
                            Integer.toString(visibilityTimeoutSeconds))))
        .queueUrl();
  }

  /** Visible plus in-flight messages: what is still in the queue, delivered or not. */
  public int messagesIn(String queueUrl) {
    Map<QueueAttributeName, String> attributes =
        client
            .getQueueAttributes(
                b ->
                    b.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
