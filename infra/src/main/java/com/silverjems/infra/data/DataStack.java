package com.silverjems.infra.data;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.network.NetworkStack;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticache.CfnParameterGroup;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.CaCertificate;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseInstanceReadReplica;
import software.amazon.awscdk.services.rds.IParameterGroup;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.route53.IPublicHostedZone;
import software.amazon.awscdk.services.route53.PublicHostedZone;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
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
 * Everything stateful: PostgreSQL (Multi-AZ, with a read replica), Redis, the S3 buckets, the SES
 * identity with its delivery-event pipeline (SES -> SNS -> SQS) and the secrets. Deployed rarely,
 * protected from deletion in production.
 */
public final class DataStack extends Stack {

  /** The database the shop's Flyway history lives in. */
  public static final String DATABASE_NAME = "silverjems";

  private final DatabaseInstance database;
  private final DatabaseInstanceReadReplica replica;
  private final DatabaseRoles databaseRoles;
  private final SecurityGroup databaseSecurityGroup;
  private final CfnReplicationGroup cache;
  private final SecurityGroup cacheSecurityGroup;
  private final Secret cacheAuthToken;
  private final Bucket accessLogs;
  private final Bucket uploads;
  private final Bucket publicAssets;
  private final EmailIdentity emailIdentity;
  private final ConfigurationSet configurationSet;
  private final Topic deliveryEventsTopic;
  private final Queue deliveryEvents;
  private final Queue deliveryEventsDeadLetters;
  private final Secret paymentWebhookSecret;
  private final Secret stripeApiKey;
  private final Secret smokeChecks;
  private final Secret googleOAuthClient;
  private final Secret mfaEncryptionKey;
  private final Secret adminApiSigningKey;

  public DataStack(
      Construct scope, String id, StackProps props, DeploymentEnvironment env, IVpc vpc) {
    super(scope, id, props);
    RemovalPolicy retain = env.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    SubnetSelection dataSubnets =
        SubnetSelection.builder().subnetGroupName(NetworkStack.DATA_SUBNETS).build();
    Key key =
        Key.Builder.create(this, "DataKey")
            .description(env.prefix() + " data at rest: database, cache token, queues, topics")
            .enableKeyRotation(true)
            .removalPolicy(retain)
            .build();

    // --- PostgreSQL ---------------------------------------------------------------------------
    databaseSecurityGroup =
        SecurityGroup.Builder.create(this, "DatabaseSecurityGroup")
            .vpc(vpc)
            .description("PostgreSQL: ingress only from the services that use it")
            .allowAllOutbound(false)
            .build();
    PostgresEngineVersion version = PostgresEngineVersion.VER_17_5;
    IParameterGroup parameters =
        ParameterGroup.Builder.create(this, "DatabaseParameters")
            .engine(
                DatabaseInstanceEngine.postgres(
                    PostgresInstanceEngineProps.builder().version(version).build()))
            .description("slow-query log, pg_stat_statements, TLS only")
            .parameters(
                Map.of(
                    // Every statement slower than 500 ms is logged (exported to CloudWatch Logs).
                    "log_min_duration_statement", "500",
                    "shared_preload_libraries", "pg_stat_statements",
                    "pg_stat_statements.track", "all",
                    "log_lock_waits", "1",
                    "rds.force_ssl", "1"))
            .build();
    String databaseId = env.prefix() + "-db";
    String replicaId = env.prefix() + "-db-replica";
    // RDS exports into these groups when they exist; creating them here sets their retention
    // without CDK's log-retention Lambda.
    for (String instance : List.of(databaseId, replicaId)) {
      for (String log : List.of("postgresql", "upgrade")) {
        LogGroup.Builder.create(this, "Logs-" + instance + "-" + log)
            .logGroupName("/aws/rds/instance/" + instance + "/" + log)
            .retention(env.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
      }
    }
    database =
        DatabaseInstance.Builder.create(this, "Database")
            .instanceIdentifier(databaseId)
            .engine(
                DatabaseInstanceEngine.postgres(
                    PostgresInstanceEngineProps.builder().version(version).build()))
            .instanceType(new InstanceType(env.database().instanceType()))
            .vpc(vpc)
            .vpcSubnets(dataSubnets)
            .securityGroups(List.of(databaseSecurityGroup))
            .multiAz(true)
            .publiclyAccessible(false)
            .storageEncrypted(true)
            .storageEncryptionKey(key)
            .allocatedStorage(env.database().allocatedStorageGiB())
            .maxAllocatedStorage(env.database().allocatedStorageGiB() * 4)
            .databaseName(DATABASE_NAME)
            .credentials(
                Credentials.fromGeneratedSecret(
                    "silverjems",
                    software.amazon.awscdk.services.rds.CredentialsBaseOptions.builder()
                        .secretName(env.prefix() + "/database")
                        .build()))
            .parameterGroup(parameters)
            .caCertificate(CaCertificate.RDS_CA_RSA2048_G1)
            .backupRetention(Duration.days(env.database().backupRetentionDays()))
            .deletionProtection(env.protectData())
            .removalPolicy(env.protectData() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
            .cloudwatchLogsExports(List.of("postgresql", "upgrade"))
            .enablePerformanceInsights(true)
            .performanceInsightEncryptionKey(key)
            .monitoringInterval(Duration.seconds(60))
            .autoMinorVersionUpgrade(true)
            .build();
    databaseRoles = new DatabaseRoles(this, "DatabaseRoles", env, database);
    // The replica serves nothing yet; it exists so that replication lag is real and watched, and
    // so a promotion is a tested path rather than a first-time experiment during an incident.
    replica =
        DatabaseInstanceReadReplica.Builder.create(this, "DatabaseReplica")
            .instanceIdentifier(replicaId)
            .sourceDatabaseInstance(database)
            .instanceType(new InstanceType(env.database().instanceType()))
            .vpc(vpc)
            .vpcSubnets(dataSubnets)
            .securityGroups(List.of(databaseSecurityGroup))
            .publiclyAccessible(false)
            .storageEncrypted(true)
            .storageEncryptionKey(key)
            .parameterGroup(parameters)
            .caCertificate(CaCertificate.RDS_CA_RSA2048_G1)
            .deletionProtection(env.protectData())
            .removalPolicy(RemovalPolicy.DESTROY)
            .cloudwatchLogsExports(List.of("postgresql", "upgrade"))
            .enablePerformanceInsights(true)
            .performanceInsightEncryptionKey(key)
            .monitoringInterval(Duration.seconds(60))
            .autoMinorVersionUpgrade(true)
            .build();

    // --- Redis (a cache only: its loss or eviction never breaks browsing, login or checkout) ---
    cacheSecurityGroup =
        SecurityGroup.Builder.create(this, "CacheSecurityGroup")
            .vpc(vpc)
            .description("Redis: ingress only from the shop")
            .allowAllOutbound(false)
            .build();
    // Secrets keep Secrets Manager's own key: a customer key here would put the services' execution
    // roles into this stack's key policy, a dependency cycle between the stacks.
    cacheAuthToken =
        Secret.Builder.create(this, "CacheAuthToken")
            .secretName(env.prefix() + "/redis-auth-token")
            .description("AUTH token of the Redis replication group")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build();
    CfnSubnetGroup cacheSubnets =
        CfnSubnetGroup.Builder.create(this, "CacheSubnets")
            .description(env.prefix() + " cache subnets")
            .subnetIds(vpc.selectSubnets(dataSubnets).getSubnetIds())
            .build();
    CfnParameterGroup cacheParameters =
        CfnParameterGroup.Builder.create(this, "CacheParameters")
            .cacheParameterGroupFamily("redis7")
            .description("cache-only eviction policy")
            // The cache holds only recomputable entries (catalogue pages, product views), so when
            // memory is full any least-recently-used key may go: volatile-* policies would refuse
            // writes once keys without a TTL filled the memory, and noeviction would fail them.
            .properties(Map.of("maxmemory-policy", "allkeys-lru"))
            .build();
    cache =
        CfnReplicationGroup.Builder.create(this, "Cache")
            .replicationGroupId(cacheReplicationGroupId(env))
            .replicationGroupDescription(env.prefix() + " cache")
            .engine("redis")
            .engineVersion("7.1")
            .cacheNodeType(env.cacheNodeType())
            .numCacheClusters(2)
            .automaticFailoverEnabled(true)
            .multiAzEnabled(true)
            .atRestEncryptionEnabled(true)
            .kmsKeyId(key.getKeyArn())
            .transitEncryptionEnabled(true)
            .authToken(SecretValue.secretsManager(cacheAuthToken.getSecretArn()).unsafeUnwrap())
            .cacheSubnetGroupName(cacheSubnets.getRef())
            .cacheParameterGroupName(cacheParameters.getRef())
            .securityGroupIds(List.of(cacheSecurityGroup.getSecurityGroupId()))
            .snapshotRetentionLimit(1)
            .autoMinorVersionUpgrade(true)
            .build();

    // --- S3 -------------------------------------------------------------------------------------
    accessLogs =
        Bucket.Builder.create(this, "AccessLogs")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder().id("expire").expiration(Duration.days(365)).build()))
            .removalPolicy(retain)
            .build();
    uploads =
        Bucket.Builder.create(this, "Uploads")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .versioned(true)
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix("s3/uploads/")
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("rejected-expire")
                        .prefix("rejected/")
                        .expiration(Duration.days(30))
                        .build(),
                    LifecycleRule.builder()
                        .id("processed-to-infrequent-access")
                        .prefix("processed/")
                        .transitions(
                            List.of(
                                Transition.builder()
                                    .storageClass(StorageClass.INFREQUENT_ACCESS)
                                    .transitionAfter(Duration.days(30))
                                    .build()))
                        .build(),
                    LifecycleRule.builder()
                        .id("old-versions")
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
            .removalPolicy(retain)
            .build();
    publicAssets =
        Bucket.Builder.create(this, "PublicAssets")
            // "Public" means served by CloudFront; the bucket itself is never public.
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .versioned(true)
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix("s3/public-assets/")
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("old-versions")
                        .noncurrentVersionTransitions(
                            List.of(
                                NoncurrentVersionTransition.builder()
                                    .storageClass(StorageClass.INFREQUENT_ACCESS)
                                    .transitionAfter(Duration.days(30))
                                    .build()))
                        .noncurrentVersionExpiration(Duration.days(90))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
            .removalPolicy(retain)
            .build();
    // The release uploads the storefront (.github/scripts/publish-storefront.sh).
    publicAssets.addToResourcePolicy(
        com.silverjems.infra.ciaccess.CiAccessStack.releasePublishes(publicAssets, env));
    // CloudFront (in the edge stack, another region) reads through origin access control. The
    // grant is written here, scoped to this account's distributions, because a policy naming the
    // distribution would make this stack depend on the edge stack, which depends on this one.
    publicAssets.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("CloudFrontOriginAccessControl")
            .effect(Effect.ALLOW)
            .principals(List.of(new ServicePrincipal("cloudfront.amazonaws.com")))
            .actions(List.of("s3:GetObject"))
            .resources(List.of(publicAssets.arnForObjects("*")))
            .conditions(
                Map.of(
                    "StringLike",
                    Map.of(
                        "AWS:SourceArn",
                        "arn:aws:cloudfront::" + env.account() + ":distribution/*")))
            .build());

    // --- SES and its delivery events (SES -> SNS -> SQS) ---------------------------------------
    IPublicHostedZone zone =
        PublicHostedZone.fromPublicHostedZoneAttributes(
            this,
            "Zone",
            software.amazon.awscdk.services.route53.PublicHostedZoneAttributes.builder()
                .hostedZoneId(env.hostedZoneId())
                .zoneName(env.hostedZoneName())
                .build());
    configurationSet =
        ConfigurationSet.Builder.create(this, "ConfigurationSet")
            .configurationSetName(env.prefix())
            .reputationMetrics(true)
            .sendingEnabled(true)
            .suppressionReasons(SuppressionReasons.BOUNCES_AND_COMPLAINTS)
            .build();
    emailIdentity =
        EmailIdentity.Builder.create(this, "EmailIdentity")
            .identity(Identity.publicHostedZone(zone))
            .configurationSet(configurationSet)
            .mailFromDomain("mail." + env.hostedZoneName())
            .build();
    deliveryEventsTopic =
        Topic.Builder.create(this, "DeliveryEventsTopic")
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
            .destination(EventDestination.snsTopic(deliveryEventsTopic))
            .events(
                List.of(
                    EmailSendingEvent.DELIVERY,
                    EmailSendingEvent.BOUNCE,
                    EmailSendingEvent.COMPLAINT,
                    EmailSendingEvent.DELIVERY_DELAY,
                    EmailSendingEvent.REJECT,
                    EmailSendingEvent.RENDERING_FAILURE))
            .build());
    deliveryEventsDeadLetters =
        Queue.Builder.create(this, "DeliveryEventsDeadLetters")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    deliveryEvents =
        Queue.Builder.create(this, "DeliveryEvents")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .visibilityTimeout(Duration.seconds(60))
            .retentionPeriod(Duration.days(14))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deliveryEventsDeadLetters)
                    .maxReceiveCount(5)
                    .build())
            .build();
    // Not raw delivery: the hub verifies SNS's signature on the envelope before trusting an event.
    deliveryEventsTopic.addSubscription(new SqsSubscription(deliveryEvents));

    // --- application secrets -------------------------------------------------------------------
    paymentWebhookSecret =
        Secret.Builder.create(this, "PaymentWebhookSecret")
            .secretName(paymentWebhookSecretName(env))
            .description(
                "Signing key of the payment provider's webhook; set by hand from its console")
            .build();
    stripeApiKey =
        Secret.Builder.create(this, "StripeApiKey")
            .secretName(env.prefix() + "/stripe-api-key")
            .description("The shop's Stripe secret key (sk_...); set by hand from Stripe's console")
            .build();
    googleOAuthClient =
        Secret.Builder.create(this, "GoogleOAuthClient")
            .secretName(env.prefix() + "/google-oauth-client")
            .description(
                "Google sign-in OAuth client, JSON {\"clientId\": ..., \"clientSecret\": ...};"
                    + " set by hand from the Google Cloud console")
            .build();
    // Read by the release's smoke checks only (deploy.yml), never by a service: the smoke
    // accounts, made once by hand (CONTRIBUTING.md, "Release smoke checks").
    smokeChecks =
        Secret.Builder.create(this, "SmokeChecks")
            .secretName(smokeChecksSecretName(env))
            .description(
                "The release smoke checks' accounts, JSON {\"shopperEmail\", \"shopperPassword\","
                    + " \"adminEmail\", \"adminPassword\", \"adminTotpSecret\"}; set by hand")
            .build();
    // 32 random bytes in base64 (openssl rand -base64 32), which Secrets Manager's generator
    // cannot produce; replacing it makes every enrolled admin's TOTP secret unreadable.
    mfaEncryptionKey =
        Secret.Builder.create(this, "MfaEncryptionKey")
            .secretName(env.prefix() + "/mfa-encryption-key")
            .description(
                "Encrypts admins' TOTP secrets: 32 random bytes in base64, set by hand once")
            .build();
    // Signs the shop's calls to the email hub's admin API (AdminCallSignature); both read it.
    adminApiSigningKey =
        Secret.Builder.create(this, "AdminApiSigningKey")
            .secretName(env.prefix() + "/admin-api-signing-key")
            .description(
                "Signs the shop's calls to the email hub's admin API; generated, read by both")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build();
    justifyNagFindings(env);
  }

  private void justifyNagFindings(DeploymentEnvironment env) {
    if (!env.protectData()) {
      NagPackSuppression disposable =
          suppression(
              "AwsSolutions-RDS10",
              "The test environment is disposable: its database is rebuilt from migrations and"
                  + " demo data, so deletion protection would only block tearing it down.");
      NagSuppressions.addResourceSuppressions(
          List.of(database, replica), List.of(disposable), true);
    }
    NagSuppressions.addResourceSuppressions(
        List.of(database, replica),
        List.of(
            suppression(
                "AwsSolutions-RDS11",
                "A non-default port hides nothing inside a private VPC whose only ingress is from"
                    + " the services' security groups; every driver and tool defaults to 5432."),
            suppression(
                "AwsSolutions-IAM4",
                "AmazonRDSEnhancedMonitoringRole is the policy AWS publishes for the enhanced"
                    + " monitoring role; it only lets RDS write OS metrics to CloudWatch Logs.")),
        true);
    NagSuppressions.addResourceSuppressions(
        replica,
        List.of(
            suppression(
                "AwsSolutions-RDS3",
                "The primary is Multi-AZ. The replica serves no traffic: it keeps replication lag"
                    + " real and watched, and is the promotion target of the recovery runbook.")),
        true);
    NagSuppressions.addResourceSuppressions(
        cache,
        List.of(
            suppression(
                "AwsSolutions-AEC5",
                "A non-default port hides nothing inside a private VPC whose only ingress is the"
                    + " shop's security group; AUTH and TLS protect the cache.")));
    NagSuppressions.addResourceSuppressions(
        database,
        List.of(
            suppression(
                "AwsSolutions-SMG4",
                "The services read the password once at start into their connection pools;"
                    + " single-user rotation would break every running task until restarted."
                    + " Rotation is a release: change the password, then roll the services.")),
        true);
    NagSuppressions.addResourceSuppressions(
        cacheAuthToken,
        List.of(
            suppression(
                "AwsSolutions-SMG4",
                "ElastiCache rotates an AUTH token only through ModifyReplicationGroup with the"
                    + " ROTATE strategy (old and new valid together); that runbook is manual.")),
        true);
    NagSuppressions.addResourceSuppressions(
        paymentWebhookSecret,
        List.of(
            suppression(
                "AwsSolutions-SMG4",
                "The payment provider issues this signing key; it is rotated in the provider's"
                    + " console and then pasted here, so Secrets Manager cannot rotate it.")),
        true);
    NagSuppressions.addResourceSuppressions(
        smokeChecks,
        List.of(
            suppression(
                "AwsSolutions-SMG4",
                "The smoke admin's TOTP secret is shown once, at its enrolment: a rotation Lambda"
                    + " cannot re-enrol it. Rotation is by hand, as CONTRIBUTING describes.")),
        true);
    NagSuppressions.addResourceSuppressions(
        List.of(stripeApiKey, googleOAuthClient),
        List.of(
            suppression(
                "AwsSolutions-SMG4",
                "Stripe and Google issue these credentials; they are rolled in the provider's"
                    + " console and then pasted here, so Secrets Manager cannot rotate them.")),
        true);
    NagSuppressions.addResourceSuppressions(
        adminApiSigningKey,
        List.of(
            suppression(
                "AwsSolutions-SMG4",
                "Shop and hub read this key at start; rotating it is a new value and a redeploy of"
                    + " both (opsctl's rollout), which a rotation Lambda cannot order.")),
        true);
    NagSuppressions.addResourceSuppressions(
        mfaEncryptionKey,
        List.of(
            suppression(
                "AwsSolutions-SMG4",
                "Rotating this key means re-encrypting every stored TOTP secret under the new key"
                    + " (the shop reads a key id per secret); that is a release, not a Lambda.")),
        true);
  }

  private static NagPackSuppression suppression(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  /** The replication group id; member clusters are {@code <id>-001}, {@code <id>-002}. */
  public static String cacheReplicationGroupId(DeploymentEnvironment env) {
    return env.prefix() + "-cache";
  }

  public DatabaseInstance database() {
    return database;
  }

  public DatabaseInstanceReadReplica replica() {
    return replica;
  }

  /**
   * The master user's generated credentials ({@code username}, {@code password}, {@code host}):
   * only the shop's migrations use them; the services connect as their own {@link DatabaseRole}.
   */
  public ISecret databaseSecret() {
    return database.getSecret();
  }

  /** The secret of a component's own database role (see {@link DatabaseRole}). */
  public ISecret databaseSecret(DatabaseRole role) {
    return databaseRoles.secret(role);
  }

  public SecurityGroup databaseSecurityGroup() {
    return databaseSecurityGroup;
  }

  public CfnReplicationGroup cache() {
    return cache;
  }

  public SecurityGroup cacheSecurityGroup() {
    return cacheSecurityGroup;
  }

  public ISecret cacheAuthToken() {
    return cacheAuthToken;
  }

  public IBucket accessLogs() {
    return accessLogs;
  }

  public IBucket uploads() {
    return uploads;
  }

  public IBucket publicAssets() {
    return publicAssets;
  }

  public EmailIdentity emailIdentity() {
    return emailIdentity;
  }

  public ConfigurationSet configurationSet() {
    return configurationSet;
  }

  public ITopic deliveryEventsTopic() {
    return deliveryEventsTopic;
  }

  public IQueue deliveryEvents() {
    return deliveryEvents;
  }

  public IQueue deliveryEventsDeadLetters() {
    return deliveryEventsDeadLetters;
  }

  public ISecret paymentWebhookSecret() {
    return paymentWebhookSecret;
  }

  /** Name of the secret holding the release smoke checks' accounts (read by deploy.yml). */
  public static String smokeChecksSecretName(DeploymentEnvironment env) {
    return env.prefix() + "/smoke-checks";
  }

  /** Name of the payment webhook's signing key (the smoke checks sign a webhook with it too). */
  public static String paymentWebhookSecretName(DeploymentEnvironment env) {
    return env.prefix() + "/payment-webhook-signing-key";
  }

  /** The shop's Stripe secret key. */
  public ISecret stripeApiKey() {
    return stripeApiKey;
  }

  /** Google sign-in's OAuth client: JSON with {@code clientId} and {@code clientSecret}. */
  public ISecret googleOAuthClient() {
    return googleOAuthClient;
  }

  /** The key that encrypts admins' TOTP secrets (32 bytes, base64). */
  /** The key the shop signs its calls to the email hub's admin API with. */
  public ISecret adminApiSigningKey() {
    return adminApiSigningKey;
  }

  public ISecret mfaEncryptionKey() {
    return mfaEncryptionKey;
  }

  /** Allows a service's security group to reach PostgreSQL. */
  public void allowDatabaseFrom(SecurityGroup client, String why) {
    // remoteRule: the rule lives in the client's stack, so this stack never depends on it.
    databaseSecurityGroup.addIngressRule(client, Port.tcp(5432), why, true);
  }

  /** Allows a service's security group to reach Redis. */
  public void allowCacheFrom(SecurityGroup client, String why) {
    cacheSecurityGroup.addIngressRule(client, Port.tcp(6379), why, true);
  }
}
