package com.silverjems.infra.observability;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.data.Cache;
import com.silverjems.infra.data.Database;
import com.silverjems.infra.data.DatabaseRole;
import com.silverjems.infra.network.NetworkStack;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Instance;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Where Zabbix runs: one EC2 host per environment in the app subnets, the platform's only EC2
 * capacity. Its user data ({@code zabbix/host/user-data.sh}) installs the Zabbix server and agent 2
 * with the repository's UserParameters; the agent watches RDS as the read-only monitoring role and
 * ElastiCache over TLS with the AUTH token. Its security group alone is admitted to the database
 * and the cache; no inbound rule (administration through SSM Session Manager).
 */
public final class ZabbixHost extends Construct {

  /** The Debian 12 image Debian publishes in every region (resolved at deploy time). */
  static final String DEBIAN_IMAGE_PARAMETER = "/aws/service/debian/release/12/latest/amd64";

  private final Instance instance;
  private final SecurityGroup securityGroup;
  private final Secret adminPassword;
  private final Asset files;
  private final String hostName;

  public ZabbixHost(
      Construct scope,
      String id,
      DeploymentEnvironment env,
      IVpc vpc,
      Database database,
      Cache cache) {
    super(scope, id);
    securityGroup =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(vpc)
            .description("Zabbix host: no inbound; reaches RDS, ElastiCache, package mirrors, AWS")
            .allowAllOutbound(true)
            .build();
    database.allowFrom(securityGroup, "Zabbix agent -> PostgreSQL (monitoring role)");
    cache.allowFrom(securityGroup, "Zabbix agent -> Redis (TLS, AUTH)");
    Role role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
            .description(env.prefix() + " Zabbix host")
            .managedPolicies(
                List.of(ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")))
            .build();
    database.secret(DatabaseRole.MONITORING).grantRead(role);
    cache.authToken().grantRead(role);
    hostName = env.prefix() + "-zabbix";
    adminPassword =
        Secret.Builder.create(this, "AdminPassword")
            .secretName(env.prefix() + "/zabbix-admin-password")
            .description("Zabbix's Admin password (set by configure-zabbix.sh at first boot)")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(32).excludePunctuation(true).build())
            .build();
    adminPassword.grantRead(role);
    NagSuppressions.addResourceSuppressions(
        adminPassword,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason(
                    "The host sets Admin's password from this secret at first boot; rotating it"
                        + " means replacing the host, a manual break-glass step.")
                .build()));
    Path zabbix = OpsFiles.grafanaProvisioning().resolveSibling("zabbix");
    files =
        Asset.Builder.create(this, "Files")
            .path(zabbix.toString())
            .exclude(List.of("*", "!host", "!host/**", "!templates", "!templates/**"))
            .build();
    files.grantRead(role);
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "Asset.grantRead: read-only access to the CDK asset bucket, where the host"
                        + " downloads configure-zabbix.sh and the templates at boot.")
                .appliesTo(
                    List.of(
                        "Action::s3:GetBucket*",
                        "Action::s3:GetObject*",
                        "Action::s3:List*",
                        RegexAppliesTo.builder()
                            .regex(
                                "/^Resource::arn:aws:s3:::cdk-[a-z0-9]+-assets-[0-9]+-[a-z0-9-]+\\/\\*$/g")
                            .build()))
                .build()),
        true);
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .reason(
                    "AmazonSSMManagedInstanceCore is AWS's policy for Session Manager, the only"
                        + " way in (the host has no inbound rule and no SSH key).")
                .appliesTo(
                    List.of(
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"))
                .build()),
        true);

    instance =
        Instance.Builder.create(this, "Host")
            .instanceName(hostName)
            .vpc(vpc)
            .vpcSubnets(SubnetSelection.builder().subnetGroupName(NetworkStack.APP_SUBNETS).build())
            .instanceType(new InstanceType("t3.small"))
            .machineImage(MachineImage.fromSsmParameter(DEBIAN_IMAGE_PARAMETER))
            .securityGroup(securityGroup)
            .role(role)
            .requireImdsv2(true)
            .detailedMonitoring(true)
            .blockDevices(
                List.of(
                    BlockDevice.builder()
                        .deviceName("/dev/xvda")
                        .volume(
                            BlockDeviceVolume.ebs(
                                20, EbsDeviceOptions.builder().encrypted(true).build()))
                        .build()))
            .userData(UserData.custom(userData(database, cache)))
            // A changed script means a new host: user data runs only at first boot.
            .userDataCausesReplacement(true)
            .build();
    NagSuppressions.addResourceSuppressions(
        instance,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-EC29")
                .reason(
                    "The host holds nothing that is not rebuilt from its user data and the"
                        + " templates; replacing it is the way to change it.")
                .build()));
  }

  /** The repository's script with this environment's endpoints and secrets filled in. */
  String userData(Database database, Cache cache) {
    Path zabbix = OpsFiles.grafanaProvisioning().resolveSibling("zabbix");
    return read(zabbix.resolve("host/user-data.sh"))
        .replace("@REGION@", Stack.of(this).getRegion())
        .replace("@DB_HOST@", database.primary().getDbInstanceEndpointAddress())
        .replace("@DB_REPLICA_HOST@", database.replica().getDbInstanceEndpointAddress())
        .replace("@DB_PORT@", database.primary().getDbInstanceEndpointPort())
        .replace("@MONITORING_SECRET_ARN@", database.secret(DatabaseRole.MONITORING).getSecretArn())
        .replace("@CACHE_HOST@", cache.replicationGroup().getAttrPrimaryEndPointAddress())
        .replace("@CACHE_PORT@", cache.replicationGroup().getAttrPrimaryEndPointPort())
        .replace("@CACHE_TOKEN_SECRET_ARN@", cache.authToken().getSecretArn())
        .replace("@ADMIN_PASSWORD_SECRET_ARN@", adminPassword.getSecretArn())
        .replace("@ZABBIX_FILES_S3_URL@", files.getS3ObjectUrl())
        .replace("@ZABBIX_HOST_NAME@", hostName)
        .replace(
            "@PGSQL_USERPARAMETERS@",
            read(zabbix.resolve("agent/userparameter_silverjems_pgsql.conf")).stripTrailing());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Instance instance() {
    return instance;
  }

  public Secret adminPassword() {
    return adminPassword;
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }
}
