package com.silverjems.infra.config;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between the test and production environments. Stacks read only this;
 * nothing is looked up from an AWS account at synthesis time, so {@code cdk synth} works offline.
 *
 * @param name {@code test} or {@code prod}: prefixes stack and resource names
 * @param account the AWS account the environment lives in (one account per environment)
 * @param region the region of the VPC, the services and the data
 * @param availabilityZones the two AZs of the VPC, named so that synthesis needs no lookup
 * @param vpcCidr the VPC's address range
 * @param natGateways one per AZ in production; one shared in test to save money
 * @param siteDomain the storefront's host name, served by CloudFront
 * @param hostedZoneId the Route 53 public zone that holds {@code siteDomain}
 * @param hostedZoneName the zone's apex name
 * @param cloudFrontOriginPrefixListId the region's managed prefix list {@code
 *     com.amazonaws.global.cloudfront.origin-facing}: the only source allowed into the ALB
 * @param deployBranch the branch whose pushes deploy this environment
 * @param github the repository whose workflows may assume the deploy roles
 * @param alarmEmail where alarm notifications are mailed (besides the on-call tooling)
 * @param database the PostgreSQL sizes
 * @param cacheNodeType the ElastiCache node type
 * @param services the size of each component
 * @param logRetentionDays how long container and VPC flow logs are kept
 * @param protectData deletion protection and retention of databases and buckets
 */
public record DeploymentEnvironment(
    String name,
    String account,
    String region,
    List<String> availabilityZones,
    String vpcCidr,
    int natGateways,
    String siteDomain,
    String hostedZoneId,
    String hostedZoneName,
    String cloudFrontOriginPrefixListId,
    String deployBranch,
    GitHubRepository github,
    String alarmEmail,
    DatabaseSize database,
    String cacheNodeType,
    Map<Component, ServiceSize> services,
    int logRetentionDays,
    boolean protectData) {

  /** The region CloudFront's certificates, web ACLs and metrics live in. */
  public static final String EDGE_REGION = "us-east-1";

  public DeploymentEnvironment {
    Objects.requireNonNull(name, "name");
    if (availabilityZones.size() != 2) {
      throw new IllegalArgumentException("the VPC spans exactly two availability zones");
    }
    if (!services.keySet().containsAll(List.of(Component.values()))) {
      throw new IllegalArgumentException(name + ": every component needs a ServiceSize");
    }
    availabilityZones = List.copyOf(availabilityZones);
    services = Map.copyOf(new EnumMap<>(services));
  }

  /** The CDK environment of the regional stacks. */
  public Environment regional() {
    return Environment.builder().account(account).region(region).build();
  }

  /** The CDK environment of the edge stack (CloudFront's certificate and WAF must be here). */
  public Environment edge() {
    return Environment.builder().account(account).region(EDGE_REGION).build();
  }

  /** Prefix of stack names and physical resource names, e.g. {@code silverjems-prod}. */
  public String prefix() {
    return "silverjems-" + name;
  }

  /** The ECS cluster name; the release workflow deploys to it by this name. */
  public String clusterName() {
    return prefix();
  }

  /** Retention of container logs and VPC flow logs. */
  public RetentionDays logRetention() {
    return switch (logRetentionDays) {
      case 14 -> RetentionDays.TWO_WEEKS;
      case 30 -> RetentionDays.ONE_MONTH;
      case 90 -> RetentionDays.THREE_MONTHS;
      default ->
          throw new IllegalStateException(
              name + ": log retention must be 14, 30 or 90 days, not " + logRetentionDays);
    };
  }

  public ServiceSize size(Component component) {
    return services.get(component);
  }
}
