package com.silverjems.infra;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkStackTest {

  private final Template template =
      Template.fromStack(new NetworkStack(new App(), "network", StackProps.builder().build()));

  @Test
  void privateSubnetsSpanTwoAvailabilityZones() {
    template.resourcePropertiesCountIs("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false), 2);
  }

  @Test
  void onlyThePublicSubnetsGiveOutPublicAddresses() {
    template.resourcePropertiesCountIs(
        "AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", Match.exact(true)), 2);
  }
}
