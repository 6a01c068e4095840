package com.silverjems.opsctl.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.opsctl.ExitCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start-up archive's training run must exercise the commands for real: if a canned answer no
 * longer satisfies a command, the archive silently holds fewer classes and opsctl starts slower.
 */
class StartupArchiveTrainerTest {

  @Test
  void everyTrainingCommandRunsToItsNormalEndOnTheCannedAnswers() throws Exception {
    List<Integer> exitCodes = StartupArchiveTrainer.train();

    assertThat(exitCodes).hasSize(StartupArchiveTrainer.RUNS.size());
    // All but the last succeed; the last is the usage error an unknown option gets.
    assertThat(exitCodes.subList(0, exitCodes.size() - 1)).containsOnly(ExitCode.OK);
    assertThat(exitCodes.get(exitCodes.size() - 1)).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void cannedAnswersAreJsonFilesNamedForTheirOperation() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String operation :
        List.of(
            "ListServices",
            "DescribeServices",
            "UpdateService",
            "DescribeTaskDefinition",
            "ListTaskDefinitions",
            "ListTasks",
            "ListCertificates")) {
      String answer = StartupArchiveTrainer.cannedAnswer(operation);
      assertThat(answer).as(operation).isNotEqualTo("{}");
      assertThat(json.readTree(answer).isObject()).as(operation).isTrue();
    }
    assertThat(json.readTree(StartupArchiveTrainer.cannedAnswer("DescribeServices")).toString())
        .contains("shop-api");
    assertThat(StartupArchiveTrainer.cannedAnswer("NoSuchOperation")).isEqualTo("{}");
    assertThat(StartupArchiveTrainer.cannedAnswer("../../version")).isEqualTo("{}");
  }
}
