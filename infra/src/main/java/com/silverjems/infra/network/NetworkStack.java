package com.silverjems.infra.network;

import com.silverjems.infra.config.DeploymentEnvironment;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The VPC, the longest-lived piece: two availability zones; public subnets hold only the NAT
 * gateways, services run in private subnets and the databases in isolated ones. Nothing in it is
 * reachable from the internet: CloudFront reaches the internal load balancer through a VPC origin.
 */
public final class NetworkStack extends Stack {

  /** Subnet group of the ECS tasks and the internal load balancer. */
  public static final String APP_SUBNETS = "app";

  /** Subnet group of RDS and ElastiCache: no route to or from the internet at all. */
  public static final String DATA_SUBNETS = "data";

  private final Vpc vpc;

  public NetworkStack(Construct scope, String id, StackProps props, DeploymentEnvironment env) {
    super(scope, id, props);
    LogGroup flowLogs =
        LogGroup.Builder.create(this, "FlowLogs")
            .retention(env.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    vpc =
        Vpc.Builder.create(this, "Vpc")
            .ipAddresses(IpAddresses.cidr(env.vpcCidr()))
            .availabilityZones(env.availabilityZones())
            .natGateways(env.natGateways())
            .subnetConfiguration(
                List.of(
                    SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        .mapPublicIpOnLaunch(false)
                        .build(),
                    SubnetConfiguration.builder()
                        .name(APP_SUBNETS)
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                        .cidrMask(20)
                        .build(),
                    SubnetConfiguration.builder()
                        .name(DATA_SUBNETS)
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .cidrMask(24)
                        .build()))
            // Rejected and accepted flows both: the first answers "why can't X reach Y", the
            // second "who talked to the database" after an incident.
            .flowLogs(
                Map.of(
                    "All",
                    FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.ALL)
                        .build()))
            // S3 traffic (uploads, renditions, image pulls' layers) stays off the NAT gateways.
            .gatewayEndpoints(
                Map.of(
                    "S3",
                    GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3)
                        .subnets(
                            List.of(
                                SubnetSelection.builder()
                                    .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                    .build()))
                        .build()))
            .build();
  }

  public IVpc vpc() {
    return vpc;
  }
}
