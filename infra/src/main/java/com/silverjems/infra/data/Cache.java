package com.silverjems.infra.data;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.constructs.InPlaceConstruct;
import com.silverjems.infra.constructs.Nag;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticache.CfnParameterGroup;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Redis, a cache only: its loss or eviction never breaks browsing, login or checkout. A Multi-AZ
 * replication group with TLS and an AUTH token, reachable only from the security groups allowed.
 */
public final class Cache extends InPlaceConstruct {

  /**
   * @param env the environment (node type, prefix)
   * @param vpc where the cache runs
   * @param subnets the data subnets
   * @param key encrypts the cache at rest
   */
  public record Props(DeploymentEnvironment env, IVpc vpc, SubnetSelection subnets, IKey key) {}

  private final CfnReplicationGroup replicationGroup;
  private final SecurityGroup securityGroup;
  private final Secret authToken;

  public Cache(Construct scope, String id, Props props) {
    super(scope, id);
    Construct in = resourceScope();
    DeploymentEnvironment env = props.env();
    securityGroup =
        SecurityGroup.Builder.create(in, "CacheSecurityGroup")
            .vpc(props.vpc())
            .description("Redis: ingress only from the shop")
            .allowAllOutbound(false)
            .build();
    // Secrets keep Secrets Manager's own key: a customer key here would put the services' execution
    // roles into this stack's key policy, a dependency cycle between the stacks.
    authToken =
        Secret.Builder.create(in, "CacheAuthToken")
            .secretName(env.prefix() + "/redis-auth-token")
            .description("AUTH token of the Redis replication group")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build();
    CfnSubnetGroup subnets =
        CfnSubnetGroup.Builder.create(in, "CacheSubnets")
            .description(env.prefix() + " cache subnets")
            .subnetIds(props.vpc().selectSubnets(props.subnets()).getSubnetIds())
            .build();
    CfnParameterGroup parameters =
        CfnParameterGroup.Builder.create(in, "CacheParameters")
            .cacheParameterGroupFamily("redis7")
            .description("cache-only eviction policy")
            // The cache holds only recomputable entries (catalogue pages, product views), so when
            // memory is full any least-recently-used key may go: volatile-* policies would refuse
            // writes once keys without a TTL filled the memory, and noeviction would fail them.
            .properties(Map.of("maxmemory-policy", "allkeys-lru"))
            .build();
    replicationGroup =
        CfnReplicationGroup.Builder.create(in, "Cache")
            .replicationGroupId(replicationGroupId(env))
            .replicationGroupDescription(env.prefix() + " cache")
            .engine("redis")
            .engineVersion("7.1")
            .cacheNodeType(env.cacheNodeType())
            .numCacheClusters(2)
            .automaticFailoverEnabled(true)
            .multiAzEnabled(true)
            .atRestEncryptionEnabled(true)
            .kmsKeyId(props.key().getKeyArn())
            .transitEncryptionEnabled(true)
            .authToken(SecretValue.secretsManager(authToken.getSecretArn()).unsafeUnwrap())
            .cacheSubnetGroupName(subnets.getRef())
            .cacheParameterGroupName(parameters.getRef())
            .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
            .snapshotRetentionLimit(1)
            .autoMinorVersionUpgrade(true)
            .build();
    NagSuppressions.addResourceSuppressions(
        replicationGroup,
        List.of(
            Nag.suppression(
                "AwsSolutions-AEC5",
                "A non-default port hides nothing inside a private VPC whose only ingress is the"
                    + " shop's security group; AUTH and TLS protect the cache.")));
    NagSuppressions.addResourceSuppressions(
        authToken,
        List.of(
            Nag.suppression(
                "AwsSolutions-SMG4",
                "ElastiCache rotates an AUTH token only through ModifyReplicationGroup with the"
                    + " ROTATE strategy (old and new valid together); that runbook is manual.")),
        true);
  }

  /** The replication group id; member clusters are {@code <id>-001}, {@code <id>-002}. */
  public static String replicationGroupId(DeploymentEnvironment env) {
    return env.prefix() + "-cache";
  }

  public CfnReplicationGroup replicationGroup() {
    return replicationGroup;
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }

  public ISecret authToken() {
    return authToken;
  }

  /** Allows a client's security group to reach Redis. */
  public void allowFrom(SecurityGroup client, String why) {
    securityGroup.addIngressRule(client, Port.tcp(6379), why, true);
  }
}
