package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** PostgreSQL, Redis, S3, SES and secrets: private, encrypted, and configured on purpose. */
class DataStackTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final Template data = platform.template(platform.prod().data());

  @Test
  void postgresIsMultiAzEncryptedAndNotPublic() {
    data.hasResourceProperties(
        "AWS::RDS::DBInstance",
        Map.of(
            "Engine", "postgres",
            "MultiAZ", true,
            "StorageEncrypted", true,
            "PubliclyAccessible", false,
            "DeletionProtection", true));
    data.resourcePropertiesCountIs(
        "AWS::RDS::DBInstance", Map.of("PubliclyAccessible", Match.exact(true)), 0);
    data.resourcePropertiesCountIs(
        "AWS::RDS::DBInstance", Map.of("StorageEncrypted", Match.exact(true)), 2);
  }

  @Test
  void slowQueriesAreLoggedAndPgStatStatementsIsLoaded() {
    data.hasResourceProperties(
        "AWS::RDS::DBParameterGroup",
        Map.of(
            "Parameters",
            Match.objectLike(
                Map.of(
                    "log_min_duration_statement", "500",
                    "shared_preload_libraries", "pg_stat_statements",
                    "rds.force_ssl", "1"))));
    data.hasResourceProperties(
        "AWS::RDS::DBInstance",
        Map.of("EnableCloudwatchLogsExports", Match.arrayWith(List.of("postgresql"))));
  }

  /** A promoted replica must behave as the primary did: the settings they share are the same. */
  @Test
  void theReplicaHasThePrimarysSettings() {
    Map<String, Map<String, Object>> instances = data.findResources("AWS::RDS::DBInstance");
    assertThat(instances).hasSize(2);
    List<Map<String, Object>> properties =
        instances.values().stream().map(DataStackTest::properties).toList();
    for (String setting :
        List.of(
            "DBInstanceClass",
            "VPCSecurityGroups",
            "PubliclyAccessible",
            "StorageEncrypted",
            "KmsKeyId",
            "DBParameterGroupName",
            "CACertificateIdentifier",
            "DeletionProtection",
            "EnableCloudwatchLogsExports",
            "EnablePerformanceInsights",
            "PerformanceInsightsKMSKeyId",
            "MonitoringInterval",
            "AutoMinorVersionUpgrade")) {
      assertThat(properties.get(0).get(setting)).as(setting).isNotNull();
      assertThat(properties.get(1).get(setting))
          .as(setting)
          .isEqualTo(properties.get(0).get(setting));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  @Test
  void aReadReplicaFollowsThePrimary() {
    data.hasResourceProperties(
        "AWS::RDS::DBInstance",
        Map.of(
            "DBInstanceIdentifier",
            "silverjems-prod-db-replica",
            "SourceDBInstanceIdentifier",
            Match.anyValue(),
            "PubliclyAccessible",
            false));
  }

  @Test
  void redisIsEncryptedAuthenticatedMultiAzAndEvictsLeastRecentlyUsedKeys() {
    data.hasResourceProperties(
        "AWS::ElastiCache::ReplicationGroup",
        Map.of(
            "Engine", "redis",
            "AtRestEncryptionEnabled", true,
            "TransitEncryptionEnabled", true,
            "AuthToken", Match.anyValue(),
            "MultiAZEnabled", true,
            "AutomaticFailoverEnabled", true,
            "NumCacheClusters", 2));
    data.hasResourceProperties(
        "AWS::ElastiCache::ParameterGroup",
        Map.of("Properties", Map.of("maxmemory-policy", "allkeys-lru")));
  }

  @Test
  void everyBucketOfEveryStackBlocksPublicAccessAndEnforcesTls() {
    int buckets = 0;
    for (var env : platform.environments) {
      for (var stack : NetworkAndExposureTest.allStacks(env)) {
        Template template = platform.template(stack);
        Map<String, Map<String, Object>> found = template.findResources("AWS::S3::Bucket");
        buckets += found.size();
        template.resourcePropertiesCountIs(
            "AWS::S3::Bucket",
            Map.of(
                "PublicAccessBlockConfiguration",
                Map.of(
                    "BlockPublicAcls", true,
                    "BlockPublicPolicy", true,
                    "IgnorePublicAcls", true,
                    "RestrictPublicBuckets", true)),
            found.size());
        template.resourcePropertiesCountIs(
            "AWS::S3::BucketPolicy",
            Map.of(
                "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect",
                                    "Deny",
                                    "Condition",
                                    Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))),
            found.size());
      }
    }
    assertThat(buckets).as("buckets across both environments").isEqualTo(10);
  }

  @Test
  void uploadAndPublicBucketsAreVersionedWithLifecycleRules() {
    data.resourcePropertiesCountIs(
        "AWS::S3::Bucket",
        Map.of(
            "VersioningConfiguration",
            Map.of("Status", "Enabled"),
            "LifecycleConfiguration",
            Map.of("Rules", Match.anyValue())),
        2);
    data.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Prefix",
                                "rejected/",
                                "ExpirationInDays",
                                30,
                                "Status",
                                "Enabled")))))));
  }

  @Test
  void sesPublishesDeliveryEventsToSnsWhichFeedsAQueueWithADeadLetterQueue() {
    data.hasResourceProperties(
        "AWS::SES::ConfigurationSetEventDestination",
        Map.of(
            "EventDestination",
            Match.objectLike(
                Map.of(
                    "MatchingEventTypes",
                    Match.arrayWith(List.of("delivery", "bounce", "complaint")),
                    "SnsDestination",
                    Map.of("TopicARN", Match.anyValue())))));
    data.hasResourceProperties(
        "AWS::SNS::Subscription", Map.of("Protocol", "sqs", "Endpoint", Match.anyValue()));
    data.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of(
            "RedrivePolicy",
            Map.of("deadLetterTargetArn", Match.anyValue(), "maxReceiveCount", 5),
            "KmsMasterKeyId",
            Match.anyValue()));
    data.hasResourceProperties(
        "AWS::SES::EmailIdentity",
        Map.of(
            "EmailIdentity",
            "silverjems.com",
            "ConfigurationSetAttributes",
            Map.of("ConfigurationSetName", Match.anyValue())));
  }

  @Test
  void secretsLiveInSecretsManager() {
    for (String name :
        List.of(
            "silverjems-prod/database",
            "silverjems-prod/redis-auth-token",
            "silverjems-prod/payment-webhook-signing-key",
            "silverjems-prod/stripe-api-key",
            "silverjems-prod/google-oauth-client",
            "silverjems-prod/mfa-encryption-key",
            "silverjems-prod/smoke-checks")) {
      data.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("Name", name));
    }
  }
}
