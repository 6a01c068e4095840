package com.silverjems.infra.data;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.constructs.InPlaceConstruct;
import com.silverjems.infra.constructs.Nag;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.CaCertificate;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseInstanceNewProps;
import software.amazon.awscdk.services.rds.DatabaseInstanceReadReplica;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.IParameterGroup;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * PostgreSQL: the Multi-AZ primary, a read replica with the same settings, their parameter group,
 * log groups and security group, and each component's own database role ({@link DatabaseRoles}).
 */
public final class Database extends InPlaceConstruct {

  /** The database the shop's Flyway history lives in. */
  public static final String DATABASE_NAME = "silverjems";

  /**
   * @param env the environment (sizes, retention, protection)
   * @param vpc where the instances run
   * @param subnets the data subnets
   * @param key encrypts storage and Performance Insights
   */
  public record Props(DeploymentEnvironment env, IVpc vpc, SubnetSelection subnets, IKey key) {}

  private final DatabaseInstance primary;
  private final DatabaseInstanceReadReplica replica;
  private final DatabaseRoles roles;
  private final SecurityGroup securityGroup;

  public Database(Construct scope, String id, Props props) {
    super(scope, id);
    Construct in = resourceScope();
    DeploymentEnvironment env = props.env();
    securityGroup =
        SecurityGroup.Builder.create(in, "DatabaseSecurityGroup")
            .vpc(props.vpc())
            .description("PostgreSQL: ingress only from the services that use it")
            .allowAllOutbound(false)
            .build();
    IInstanceEngine engine =
        DatabaseInstanceEngine.postgres(
            PostgresInstanceEngineProps.builder().version(PostgresEngineVersion.VER_17_5).build());
    IParameterGroup parameters =
        ParameterGroup.Builder.create(in, "DatabaseParameters")
            .engine(engine)
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
    List<String> logs = List.of("postgresql", "upgrade");
    // RDS exports into these groups when they exist; creating them here sets their retention
    // without CDK's log-retention Lambda.
    for (String instance : List.of(databaseId, replicaId)) {
      for (String log : logs) {
        LogGroup.Builder.create(in, "Logs-" + instance + "-" + log)
            .logGroupName("/aws/rds/instance/" + instance + "/" + log)
            .retention(env.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
      }
    }
    // What the primary and the replica share, in one place: a promoted replica must behave as
    // the primary did. (Encryption and size are not DatabaseInstanceNewProps: set on each.)
    DatabaseInstanceNewProps shared =
        DatabaseInstanceNewProps.builder()
            .vpc(props.vpc())
            .vpcSubnets(props.subnets())
            .securityGroups(List.of(securityGroup))
            .publiclyAccessible(false)
            .parameterGroup(parameters)
            .caCertificate(CaCertificate.RDS_CA_RSA2048_G1)
            .deletionProtection(env.protectData())
            .cloudwatchLogsExports(logs)
            .enablePerformanceInsights(true)
            .performanceInsightEncryptionKey(props.key())
            .monitoringInterval(Duration.seconds(60))
            .autoMinorVersionUpgrade(true)
            .build();
    InstanceType instanceType = new InstanceType(env.database().instanceType());
    primary =
        SharedSettings.applyTo(DatabaseInstance.Builder.create(in, "Database"), shared)
            .instanceIdentifier(databaseId)
            .engine(engine)
            .instanceType(instanceType)
            .storageEncrypted(true)
            .storageEncryptionKey(props.key())
            .multiAz(true)
            .allocatedStorage(env.database().allocatedStorageGiB())
            .maxAllocatedStorage(env.database().allocatedStorageGiB() * 4)
            .databaseName(DATABASE_NAME)
            .credentials(
                Credentials.fromGeneratedSecret(
                    "silverjems",
                    CredentialsBaseOptions.builder()
                        .secretName(env.prefix() + "/database")
                        .build()))
            .backupRetention(Duration.days(env.database().backupRetentionDays()))
            .removalPolicy(env.protectData() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
            .build();
    roles = new DatabaseRoles(in, "DatabaseRoles", env, primary);
    // The replica serves nothing yet; it exists so that replication lag is real and watched, and
    // so a promotion is a tested path rather than a first-time experiment during an incident.
    replica =
        SharedSettings.applyTo(
                DatabaseInstanceReadReplica.Builder.create(in, "DatabaseReplica"), shared)
            .instanceIdentifier(replicaId)
            .sourceDatabaseInstance(primary)
            .instanceType(instanceType)
            .storageEncrypted(true)
            .storageEncryptionKey(props.key())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    justifyNagFindings(env);
  }

  /**
   * Copies settings onto the builder of a primary or of a replica. Both builders take every setting
   * of {@link DatabaseInstanceNewProps} under the getter's name (CDK's own props inheritance), but
   * share no Java type: the copy goes by name.
   */
  static final class SharedSettings {
    private SharedSettings() {}

    static <B> B applyTo(B builder, DatabaseInstanceNewProps settings) {
      for (Method getter : DatabaseInstanceNewProps.class.getMethods()) {
        String name = getter.getName();
        if (getter.getParameterCount() != 0 || !name.startsWith("get")) {
          continue;
        }
        try {
          Object value = getter.invoke(settings);
          if (value != null) {
            String setter = Character.toLowerCase(name.charAt(3)) + name.substring(4);
            builder.getClass().getMethod(setter, getter.getReturnType()).invoke(builder, value);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot copy " + name + " onto " + builder.getClass(), e);
        }
      }
      return builder;
    }
  }

  private void justifyNagFindings(DeploymentEnvironment env) {
    if (!env.protectData()) {
      NagSuppressions.addResourceSuppressions(
          List.of(primary, replica),
          List.of(
              Nag.suppression(
                  "AwsSolutions-RDS10",
                  "The test environment is disposable: its database is rebuilt from migrations"
                      + " and demo data, so deletion protection would only block tearing it"
                      + " down.")),
          true);
    }
    NagSuppressions.addResourceSuppressions(
        List.of(primary, replica),
        List.of(
            Nag.suppression(
                "AwsSolutions-RDS11",
                "A non-default port hides nothing inside a private VPC whose only ingress is from"
                    + " the services' security groups; every driver and tool defaults to 5432."),
            Nag.suppression(
                "AwsSolutions-IAM4",
                "AmazonRDSEnhancedMonitoringRole is the policy AWS publishes for the enhanced"
                    + " monitoring role; it only lets RDS write OS metrics to CloudWatch Logs.")),
        true);
    NagSuppressions.addResourceSuppressions(
        replica,
        List.of(
            Nag.suppression(
                "AwsSolutions-RDS3",
                "The primary is Multi-AZ. The replica serves no traffic: it keeps replication lag"
                    + " real and watched, and is the promotion target of the recovery runbook.")),
        true);
    NagSuppressions.addResourceSuppressions(
        primary,
        List.of(
            Nag.suppression(
                "AwsSolutions-SMG4",
                "The services read the password once at start into their connection pools;"
                    + " single-user rotation would break every running task until restarted."
                    + " Rotation is a release: change the password, then roll the services.")),
        true);
  }

  public DatabaseInstance primary() {
    return primary;
  }

  public DatabaseInstanceReadReplica replica() {
    return replica;
  }

  /**
   * The master user's generated credentials ({@code username}, {@code password}, {@code host}):
   * only the shop's migrations use them; the services connect as their own {@link DatabaseRole}.
   */
  public ISecret masterSecret() {
    return primary.getSecret();
  }

  /** The secret of a component's own database role (see {@link DatabaseRole}). */
  public ISecret secret(DatabaseRole role) {
    return roles.secret(role);
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }

  /** Allows a client's security group to reach PostgreSQL. */
  public void allowFrom(SecurityGroup client, String why) {
    // remoteRule: the rule lives in the client's stack, so this stack never depends on it.
    securityGroup.addIngressRule(client, Port.tcp(5432), why, true);
  }
}
