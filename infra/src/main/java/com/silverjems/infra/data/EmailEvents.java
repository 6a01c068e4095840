package com.silverjems.infra.data;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.constructs.InPlaceConstruct;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.route53.IPublicHostedZone;
import software.amazon.awscdk.services.route53.PublicHostedZone;
import software.amazon.awscdk.services.route53.PublicHostedZoneAttributes;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.ConfigurationSetEventDestinationOptions;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.EmailSendingEvent;
import software.amazon.awscdk.services.ses.EventDestination;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.ses.SuppressionReasons;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The SES identity the platform sends from, and its delivery events: SES publishes each delivery,
 * bounce and complaint to an SNS topic, which feeds the queue the hub reads (with a dead-letter
 * queue behind it).
 */
public final class EmailEvents extends InPlaceConstruct {

  /**
   * @param env the environment (hosted zone, prefix)
   * @param key encrypts the topic and the queues; SES and SNS are granted its use here
   */
  public record Props(DeploymentEnvironment env, Key key) {}

  private final EmailIdentity identity;
  private final ConfigurationSet configurationSet;
  private final Topic topic;
  private final Queue queue;
  private final Queue deadLetters;

  public EmailEvents(Construct scope, String id, Props props) {
    super(scope, id);
    Construct in = resourceScope();
    DeploymentEnvironment env = props.env();
    Key key = props.key();
    IPublicHostedZone zone =
        PublicHostedZone.fromPublicHostedZoneAttributes(
            in,
            "Zone",
            PublicHostedZoneAttributes.builder()
                .hostedZoneId(env.hostedZoneId())
                .zoneName(env.hostedZoneName())
                .build());
    configurationSet =
        ConfigurationSet.Builder.create(in, "ConfigurationSet")
            .configurationSetName(env.prefix())
            .reputationMetrics(true)
            .sendingEnabled(true)
            .suppressionReasons(SuppressionReasons.BOUNCES_AND_COMPLAINTS)
            .build();
    identity =
        EmailIdentity.Builder.create(in, "EmailIdentity")
            .identity(Identity.publicHostedZone(zone))
            .configurationSet(configurationSet)
            .mailFromDomain("mail." + env.hostedZoneName())
            .build();
    topic =
        Topic.Builder.create(in, "DeliveryEventsTopic")
            .displayName(env.prefix() + " SES delivery events")
            .masterKey(key)
            .enforceSsl(true)
            .build();
    // SES publishes to an encrypted topic only if it may use the key.
    key.grant(new ServicePrincipal("ses.amazonaws.com"), "kms:GenerateDataKey*", "kms:Decrypt");
    key.grant(new ServicePrincipal("sns.amazonaws.com"), "kms:GenerateDataKey*", "kms:Decrypt");
    configurationSet.addEventDestination(
        "ToSns",
        ConfigurationSetEventDestinationOptions.builder()
            .destination(EventDestination.snsTopic(topic))
            .events(
                List.of(
                    EmailSendingEvent.DELIVERY,
                    EmailSendingEvent.BOUNCE,
                    EmailSendingEvent.COMPLAINT,
                    EmailSendingEvent.DELIVERY_DELAY,
                    EmailSendingEvent.REJECT,
                    EmailSendingEvent.RENDERING_FAILURE))
            .build());
    deadLetters =
        Queue.Builder.create(in, "DeliveryEventsDeadLetters")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    queue =
        Queue.Builder.create(in, "DeliveryEvents")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .visibilityTimeout(Duration.seconds(60))
            .retentionPeriod(Duration.days(14))
            .deadLetterQueue(
                DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(5).build())
            .build();
    // Not raw delivery: the hub verifies SNS's signature on the envelope before trusting an event.
    topic.addSubscription(new SqsSubscription(queue));
  }

  public EmailIdentity identity() {
    return identity;
  }

  public ConfigurationSet configurationSet() {
    return configurationSet;
  }

  /** The topic SES publishes delivery events to. */
  public ITopic topic() {
    return topic;
  }

  /** The queue the hub consumes delivery events from. */
  public IQueue queue() {
    return queue;
  }

  public IQueue deadLetters() {
    return deadLetters;
  }
}
