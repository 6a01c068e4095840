package com.silverjems.infra.data;

import com.silverjems.infra.ciaccess.CiAccessStack;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.constructs.InPlaceConstruct;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The S3 buckets: access logs, the uploads the image pipeline reads, and the public assets
 * (storefront and renditions) that CloudFront serves. All private, TLS only, retained in
 * production.
 */
public final class Buckets extends InPlaceConstruct {

  /**
   * @param env the environment (account, protection)
   */
  public record Props(DeploymentEnvironment env) {}

  private final Bucket accessLogs;
  private final Bucket uploads;
  private final Bucket publicAssets;

  public Buckets(Construct scope, String id, Props props) {
    super(scope, id);
    Construct in = resourceScope();
    DeploymentEnvironment env = props.env();
    RemovalPolicy retain = env.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    accessLogs =
        Bucket.Builder.create(in, "AccessLogs")
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
        Bucket.Builder.create(in, "Uploads")
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
        Bucket.Builder.create(in, "PublicAssets")
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
    publicAssets.addToResourcePolicy(CiAccessStack.releasePublishes(publicAssets, env));
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
}
