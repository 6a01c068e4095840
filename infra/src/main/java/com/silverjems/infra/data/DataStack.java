package com.silverjems.infra.data;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.network.NetworkStack;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * Everything stateful: PostgreSQL (Multi-AZ, with a read replica), Redis, the S3 buckets, the SES
 * identity with its delivery-event pipeline (SES -> SNS -> SQS) and the secrets. Deployed rarely,
 * protected from deletion in production. Each part is its own construct; the stack holds the key
 * they share and hands the parts to the stacks that use them.
 *
 * <p>The parts are {@link com.silverjems.infra.constructs.InPlaceConstruct}s: their resources are
 * the stack's children, with the logical ids the deployed stacks have.
 */
public final class DataStack extends Stack {

  /**
   * @param env the environment
   * @param vpc the network's VPC (its data subnets hold the database and the cache)
   */
  public record Props(DeploymentEnvironment env, IVpc vpc) {}

  private final Database database;
  private final Cache cache;
  private final Buckets buckets;
  private final EmailEvents email;
  private final AppSecrets secrets;

  public DataStack(Construct scope, String id, StackProps stackProps, Props props) {
    super(scope, id, stackProps);
    DeploymentEnvironment env = props.env();
    SubnetSelection dataSubnets =
        SubnetSelection.builder().subnetGroupName(NetworkStack.DATA_SUBNETS).build();
    Key key =
        Key.Builder.create(this, "DataKey")
            .description(env.prefix() + " data at rest: database, cache token, queues, topics")
            .enableKeyRotation(true)
            .removalPolicy(env.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
    database =
        new Database(this, "PostgreSql", new Database.Props(env, props.vpc(), dataSubnets, key));
    cache = new Cache(this, "Redis", new Cache.Props(env, props.vpc(), dataSubnets, key));
    buckets = new Buckets(this, "S3", new Buckets.Props(env));
    email = new EmailEvents(this, "Ses", new EmailEvents.Props(env, key));
    secrets = new AppSecrets(this, "Secrets", new AppSecrets.Props(env));
  }

  public Database database() {
    return database;
  }

  public Cache cache() {
    return cache;
  }

  public Buckets buckets() {
    return buckets;
  }

  public EmailEvents email() {
    return email;
  }

  public AppSecrets secrets() {
    return secrets;
  }
}
