package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.InfraApp.PlatformStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The VPC, and what of the platform the internet can reach: nothing but CloudFront. */
class NetworkAndExposureTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();

  @Test
  void theVpcSpansTwoAvailabilityZonesWithPublicAppAndDataSubnets() {
    Template network = platform.template(platform.prod().network());
    network.resourceCountIs("AWS::EC2::Subnet", 6);
    for (String zone : List.of("eu-west-1a", "eu-west-1b")) {
      network.resourcePropertiesCountIs("AWS::EC2::Subnet", Map.of("AvailabilityZone", zone), 3);
    }
    network.resourceCountIs("AWS::EC2::NatGateway", 2);
    network.resourceCountIs("AWS::EC2::InternetGateway", 1);
  }

  @Test
  void noSubnetHandsOutPublicAddresses() {
    platform
        .template(platform.prod().network())
        .resourcePropertiesCountIs(
            "AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", Match.exact(true)), 0);
  }

  @Test
  void vpcFlowLogsRecordAllTraffic() {
    platform
        .template(platform.prod().network())
        .hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "ALL"));
  }

  @Test
  void noSecurityGroupInAnyStackIsOpenToTheInternet() {
    List<Object> openRules = new ArrayList<>();
    int rulesSeen = 0;
    for (PlatformStacks env : platform.environments) {
      for (var stack : allStacks(env)) {
        Template template = platform.template(stack);
        for (Map<String, Object> group :
            template.findResources("AWS::EC2::SecurityGroup").values()) {
          Object ingress = properties(group).get("SecurityGroupIngress");
          if (ingress instanceof List<?> rules) {
            for (Object rule : rules) {
              rulesSeen++;
              if (isOpen((Map<?, ?>) rule)) {
                openRules.add(stack.getStackName() + ": " + rule);
              }
            }
          }
        }
        for (Map<String, Object> rule :
            template.findResources("AWS::EC2::SecurityGroupIngress").values()) {
          rulesSeen++;
          if (isOpen(properties(rule))) {
            openRules.add(stack.getStackName() + ": " + rule);
          }
        }
      }
    }
    assertThat(rulesSeen).as("ingress rules inspected").isGreaterThan(10);
    assertThat(openRules).isEmpty();
  }

  @Test
  void theLoadBalancerIsInternalAndAdmitsOnlyCloudFrontsOriginFacingAddresses() {
    Template services = platform.template(platform.prod().services());
    services.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internal"));
    services.resourcePropertiesCountIs(
        "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internet-facing"), 0);
    services.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
    services.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "SourcePrefixListId",
            platform.prod().environment().cloudFrontOriginPrefixListId(),
            "FromPort",
            80,
            "ToPort",
            80,
            "GroupId",
            Map.of(
                "Fn::GetAtt",
                List.of(Match.stringLikeRegexp("LoadBalancerSecurityGroup.*"), "GroupId"))));
    services.resourcePropertiesCountIs(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "GroupId",
            Map.of(
                "Fn::GetAtt",
                List.of(Match.stringLikeRegexp("LoadBalancerSecurityGroup.*"), "GroupId"))),
        1);
  }

  @Test
  void noTaskGetsAPublicAddress() {
    Template services = platform.template(platform.prod().services());
    services.resourcePropertiesCountIs(
        "AWS::ECS::Service",
        Map.of(
            "NetworkConfiguration",
            Map.of("AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED")))),
        4);
  }

  static List<software.amazon.awscdk.Stack> allStacks(PlatformStacks env) {
    return List.of(
        env.network(), env.data(), env.ciAccess(), env.services(), env.observability(), env.edge());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  private static boolean isOpen(Map<?, ?> rule) {
    return "0.0.0.0/0".equals(rule.get("CidrIp")) || "::/0".equals(rule.get("CidrIpv6"));
  }
}
