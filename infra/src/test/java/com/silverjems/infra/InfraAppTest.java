package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DatabaseSize;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.config.Environments;
import com.silverjems.infra.config.ServiceSize;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app composes six stacks per environment and synthesises offline into a cloud assembly. */
class InfraAppTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();

  @Test
  void synthesisWritesATemplatePerStackWithoutReachingAnyAccount() {
    for (var env : Environments.all()) {
      for (String lifecycle :
          new String[] {"network", "data", "ci-access", "services", "observability", "edge"}) {
        assertThat(
                SynthesisedPlatform.OUTDIR.resolve(
                    env.prefix() + "-" + lifecycle + ".template.json"))
            .isRegularFile();
      }
    }
    // A lookup (VPC, AZs, hosted zone, prefix list) would leave "missing" context in the manifest
    // and make `cdk synth` call AWS: everything comes from typed configuration instead.
    var missing = platform.assembly.getManifest().getMissing();
    assertThat(missing == null ? java.util.List.of() : missing).isEmpty();
  }

  @Test
  void environmentsDifferOnlyInConfiguration() {
    assertThat(platform.test().environment().natGateways()).isEqualTo(1);
    assertThat(platform.prod().environment().natGateways()).isEqualTo(2);
    platform.template(platform.test().network()).resourceCountIs("AWS::EC2::NatGateway", 1);
    assertThat(platform.test().data().getStackName()).isEqualTo("silverjems-test-data");
  }

  @Test
  void configurationRefusesImpossibleSizes() {
    assertThatThrownBy(() -> new ServiceSize(256, 1024, 3, 2))
        .hasMessageContaining("1 <= min <= max");
    assertThatThrownBy(() -> new ServiceSize(256, 256, 1, 2)).hasMessageContaining("512 MiB");
    DeploymentEnvironment prod = Environments.prod();
    Map<Component, ServiceSize> missing = new HashMap<>(prod.services());
    missing.remove(Component.IMAGES);
    assertThatThrownBy(
            () ->
                new DeploymentEnvironment(
                    "x",
                    "1",
                    "eu-west-1",
                    prod.availabilityZones(),
                    "10.0.0.0/16",
                    1,
                    "a",
                    "z",
                    "a",
                    "pl",
                    "main",
                    prod.github(),
                    "a@b",
                    new DatabaseSize("t4g.micro", 20, 1, 100),
                    "cache.t4g.micro",
                    missing,
                    14,
                    false))
        .hasMessageContaining("every component needs a ServiceSize");
  }

  @Test
  void theCdkCliRunsThisApp() throws Exception {
    String cdkJson = Files.readString(java.nio.file.Path.of("cdk.json"));
    assertThat(cdkJson).contains(InfraApp.class.getName());
  }
}
