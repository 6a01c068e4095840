package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/** cdk-nag's AwsSolutions pack finds nothing that is not suppressed with a reason in code. */
class CdkNagTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();

  @Test
  void awsSolutionsChecksPassOnEveryStackOfBothEnvironments() {
    List<String> errors =
        platform.stacks().stream()
            .flatMap(
                stack ->
                    stack.getMessages().stream()
                        .filter(message -> message.getLevel() == SynthesisMessageLevel.ERROR)
                        .map(message -> message.getId() + ": " + message.getEntry().getData()))
            .toList();
    assertThat(platform.stacks()).hasSize(12);
    assertThat(errors).isEmpty();
  }

  @Test
  void theChecksReallyRanAndEverySuppressionCarriesAReason() throws Exception {
    // cdk-nag writes one report per stack; a suppressed finding appears there with its reason.
    var report =
        SynthesisedPlatform.OUTDIR.resolve("AwsSolutions-silverjems-prod-data-NagReport.csv");
    List<String> lines = java.nio.file.Files.readAllLines(report);
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("AwsSolutions-RDS2"));
    assertThat(lines.stream().filter(line -> line.contains("Suppressed")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).matches(".*\"Suppressed\",\".{40,}\".*"));
  }
}
