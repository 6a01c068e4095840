package com.silverjems.opsctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.opsctl.CliRun.Result;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OpsctlTest {

  @Test
  void versionNamesTheBuildAndTheGitCommitItWasBuiltFrom() throws Exception {
    Result result = new CliRun().run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("opsctl 0.").doesNotContain("@").doesNotContain("unknown");
    String head = git("rev-parse", "--short=10", "HEAD");
    assertThat(result.out()).contains("(commit " + head);
  }

  @Test
  void anUnknownOptionIsAUsageErrorInOneLineWithAHint() {
    Result result = new CliRun().run("--frobnicate");

    assertThat(result.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .contains("Unknown option: '--frobnicate'")
        .contains("Try 'opsctl --help'.");
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Result result = new CliRun().run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("status", "history", "rollback", "certs", "silence", "generate-completion")
        .contains("Exit codes:")
        .containsPattern("4\\s+credentials missing, expired or refused")
        .containsPattern("5\\s+throttled by the API")
        .containsPattern("3\\s+service, cluster, revision, alert or silence not found");
  }

  @Test
  void globalOptionsAreAcceptedBeforeAndAfterTheSubcommand() {
    assertThat(new CliRun().run("status", "--help").out())
        .contains("--region", "--cluster", "--output", "--events");
    assertThat(new CliRun().run("silence", "add", "--help").out())
        .contains("--profile", "--dry-run", "--yes", "--alertmanager-url");
  }

  @Test
  void shellCompletionCoversSubcommandsAndOptions() {
    Result result = new CliRun().run("generate-completion");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("complete -F")
        .contains("rollback")
        .contains("--dry-run")
        .contains("expire");
  }

  @Test
  void withoutAnyRegionTheErrorSaysHowToGiveOne() {
    Result result =
        new CliRun()
            .env("AWS_ACCESS_KEY_ID", "x")
            .env("AWS_SECRET_ACCESS_KEY", "x")
            .env("AWS_CONFIG_FILE", "/nonexistent")
            .run("--profile", "no-such-profile-here", "history", "shop-api");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("no AWS region: pass --region, set AWS_REGION");
  }

  private static String git(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes()).strip();
    process.waitFor(10, TimeUnit.SECONDS);
    return text;
  }
}
