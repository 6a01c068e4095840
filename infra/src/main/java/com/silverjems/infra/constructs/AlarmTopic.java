package com.silverjems.infra.constructs;

import java.util.List;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * An SNS topic that alarms and events page through: encrypted with its own rotating KMS key that
 * the publishing AWS services may use (an encrypted topic takes their messages only then), TLS
 * only, and the on-call address subscribed.
 */
public final class AlarmTopic extends InPlaceConstruct {

  /**
   * @param keyId construct id of the topic's key
   * @param keyDescription the key's description
   * @param topicId construct id of the topic
   * @param topicName the topic's fixed name (runbooks, Alertmanager's config and CI name it)
   * @param displayName the topic's display name (the email's sender name)
   * @param email the address subscribed
   * @param publishers the service principals that publish to it, e.g. {@code
   *     cloudwatch.amazonaws.com}
   */
  public record Props(
      String keyId,
      String keyDescription,
      String topicId,
      String topicName,
      String displayName,
      String email,
      List<String> publishers) {}

  private final Topic topic;

  public AlarmTopic(Construct scope, String id, Props props) {
    super(scope, id);
    Key key =
        Key.Builder.create(resourceScope(), props.keyId())
            .description(props.keyDescription())
            .enableKeyRotation(true)
            .build();
    for (String publisher : props.publishers()) {
      key.grant(new ServicePrincipal(publisher), "kms:GenerateDataKey*", "kms:Decrypt");
    }
    topic =
        Topic.Builder.create(resourceScope(), props.topicId())
            .topicName(props.topicName())
            .displayName(props.displayName())
            .masterKey(key)
            .enforceSsl(true)
            .build();
    topic.addSubscription(new EmailSubscription(props.email()));
  }

  public Topic topic() {
    return topic;
  }
}
