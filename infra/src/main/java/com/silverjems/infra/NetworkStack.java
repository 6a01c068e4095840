package com.silverjems.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/** The VPC: two availability zones, services only in private subnets. */
public final class NetworkStack extends Stack {

  private final Vpc vpc;

  public NetworkStack(Construct scope, String id, StackProps props) {
    super(scope, id, props);
    vpc =
        Vpc.Builder.create(this, "Vpc")
            .maxAzs(2)
            .natGateways(1)
            .subnetConfiguration(
                java.util.List.of(
                    SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        .build(),
                    SubnetConfiguration.builder()
                        .name("private")
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                        .cidrMask(22)
                        .build()))
            .build();
  }

  public Vpc vpc() {
    return vpc;
  }
}
