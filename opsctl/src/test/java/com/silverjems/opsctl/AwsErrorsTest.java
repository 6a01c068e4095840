package com.silverjems.opsctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.opsctl.CliRun.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AWS failures become one line and a distinct exit code. */
class AwsErrorsTest {

  private AwsStubs aws;

  @BeforeEach
  void stubs() {
    aws = new AwsStubs();
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void refusedCredentialsExitFourInOneLine() {
    aws.ecsError(
        "ListServices",
        400,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.");

    Result result = CliRun.aws(aws.endpoint()).run("status");

    assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith(
            "opsctl status: ECS ListServices: credentials refused (HTTP 400, UnrecognizedClientException, request id ")
        .contains("The security token included in the request is invalid.");
  }

  @Test
  void accessDeniedIsAnAuthProblemToo() {
    aws.ecsError(
        "DescribeServices",
        400,
        "AccessDeniedException",
        "User is not authorized to perform: ecs:DescribeServices");

    Result result = CliRun.aws(aws.endpoint()).run("history", "shop-api");

    assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
    assertThat(result.err())
        .startsWith(
            "opsctl history: ECS DescribeServices: credentials refused (HTTP 400, AccessDeniedException");
  }

  @Test
  void throttlingExitsFive() {
    aws.ecsError("ListServices", 400, "ThrottlingException", "Rate exceeded");

    Result result = CliRun.aws(aws.endpoint()).run("status");

    assertThat(result.exitCode()).isEqualTo(ExitCode.THROTTLED);
    assertThat(result.err())
        .startsWith("opsctl status: ECS ListServices: throttled, still after the retries (HTTP 400")
        .contains("Rate exceeded");
  }

  @Test
  void theStackTraceOnlyWithVerbose() {
    aws.ecsError("ListServices", 400, "ThrottlingException", "Rate exceeded");

    assertThat(CliRun.aws(aws.endpoint()).run("status").err()).doesNotContain("\tat ");
    assertThat(CliRun.aws(aws.endpoint()).run("status", "-v").err())
        .contains("software.amazon.awssdk.services.ecs.model.EcsException")
        .contains("\tat ");
  }

  @Test
  void anUnreachableEndpointExitsNine() throws Exception {
    int closed = MotoServer.freePort();

    Result result = CliRun.aws("http://127.0.0.1:" + closed).run("status");

    assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(result.err())
        .startsWith(
            "opsctl status: ECS ListServices: no answer from http://127.0.0.1:"
                + closed
                + " (cannot connect");
  }
}
