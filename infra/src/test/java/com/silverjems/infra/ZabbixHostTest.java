package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Zabbix runs on one EC2 host per environment whose user data is {@code zabbix/host/user-data.sh}
 * (with the repository's UserParameters inside, byte for byte): agent 2 and the server get
 * installed at first boot; the host alone is admitted to RDS and ElastiCache, reads only the
 * monitoring role's and the cache token's secrets, and takes no inbound traffic.
 */
class ZabbixHostTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final Template observability = platform.template(platform.prod().observability());

  @Test
  void theUserDataIsTheRepositorysScriptWithTheUserParametersInside() throws IOException {
    String script = Files.readString(Path.of("..", "zabbix/host/user-data.sh"));
    String userParameters =
        Files.readString(Path.of("..", "zabbix/agent/userparameter_silverjems_pgsql.conf"));
    String synthesized = userData();
    for (String line : script.lines().toList()) {
      if (!line.contains("@")) {
        assertThat(synthesized).as("user data line %s", line).contains(line);
      }
    }
    assertThat(synthesized).contains(userParameters.stripTrailing()).doesNotContain("@DB_HOST@");
    assertThat(synthesized)
        .contains("zabbix-agent2")
        .contains("zabbix-server-pgsql")
        .contains("DatabaseRolesMONITORING")
        .contains("CacheAuthToken")
        .contains("CachePrimaryEndPointAddress");
  }

  @Test
  void theHostIsAdmittedToTheDataStoresAndNothingIsAdmittedToIt() {
    for (int port : List.of(5432, 6379)) {
      observability.hasResourceProperties(
          "AWS::EC2::SecurityGroupIngress",
          Map.of(
              "FromPort",
              port,
              "SourceSecurityGroupId",
              Map.of(
                  "Fn::GetAtt",
                  List.of(Match.stringLikeRegexp("ZabbixSecurityGroup.*"), "GroupId"))));
    }
    observability.hasResourceProperties(
        "AWS::EC2::SecurityGroup",
        Map.of(
            "GroupDescription",
            Match.stringLikeRegexp("Zabbix host.*"),
            "SecurityGroupIngress",
            Match.absent()));
    observability.hasResourceProperties(
        "AWS::EC2::Instance",
        Map.of(
            "Monitoring",
            true,
            "BlockDeviceMappings",
            List.of(Match.objectLike(Map.of("Ebs", Match.objectLike(Map.of("Encrypted", true)))))));
    observability.hasResourceProperties(
        "AWS::EC2::LaunchTemplate",
        Map.of("LaunchTemplateData", Map.of("MetadataOptions", Map.of("HttpTokens", "required"))));
  }

  @SuppressWarnings("unchecked")
  private static String userData() {
    Map<String, Map<String, Object>> instances = observability.findResources("AWS::EC2::Instance");
    assertThat(instances).hasSize(1);
    Map<String, Object> properties =
        (Map<String, Object>) instances.values().iterator().next().get("Properties");
    Map<String, Object> base64 = (Map<String, Object>) properties.get("UserData");
    Object content = base64.get("Fn::Base64");
    if (content instanceof String text) {
      return text;
    }
    List<Object> join = (List<Object>) ((Map<String, Object>) content).get("Fn::Join");
    StringBuilder text = new StringBuilder();
    for (Object part : (List<Object>) join.get(1)) {
      text.append(part instanceof String s ? s : String.valueOf(part));
    }
    return text.toString();
  }
}
