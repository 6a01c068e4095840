package com.silverjems.opsctl;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.opsctl.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials and region are resolved the way the AWS CLI does: a typed --profile beats the AWS_*
 * key variables, which beat AWS_PROFILE; the profile's region applies when none is given. Seen in
 * the SigV4 Authorization header the emulated ECS receives.
 */
class AwsCredentialsTest {

  private AwsStubs aws;

  @BeforeEach
  void files(@TempDir Path dir) throws Exception {
    aws = new AwsStubs();
    aws.ecs("ListServices", "{\"serviceArns\":[]}");
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials, "[oncall]\naws_access_key_id = AKIAONCALL\naws_secret_access_key = secret\n");
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile oncall]\nregion = eu-central-1\n");
    // The SDK reads profile files from these properties (or the real AWS_* file variables).
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", config.toString());
  }

  @AfterEach
  void restore() {
    System.clearProperty("aws.sharedCredentialsFile");
    System.clearProperty("aws.configFile");
    aws.close();
  }

  private CliRun keys() {
    return new CliRun()
        .env("AWS_ACCESS_KEY_ID", "AKIAFROMENV")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_ENDPOINT_URL", aws.endpoint());
  }

  @Test
  void aTypedProfileWinsOverKeyVariablesAndBringsItsRegion() {
    Result result = keys().run("--profile", "oncall", "status");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("cluster silverjems-prod (eu-central-1)");
    assertThat(authorization())
        .contains("Credential=AKIAONCALL/")
        .contains("/eu-central-1/ecs/aws4_request");
  }

  @Test
  void keyVariablesWinOverAProfileFromTheEnvironment() {
    Result result =
        keys().env("AWS_PROFILE", "oncall").env("AWS_REGION", "eu-west-1").run("status");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(authorization()).contains("Credential=AKIAFROMENV/").contains("/eu-west-1/ecs/");
  }

  @Test
  void aProfileFromTheEnvironmentIsUsedWhenNoKeysAreSet() {
    Result result =
        new CliRun()
            .env("AWS_PROFILE", "oncall")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("AWS_ENDPOINT_URL", aws.endpoint())
            .run("status");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(authorization()).contains("Credential=AKIAONCALL/");
  }

  @Test
  void aServiceSpecificEndpointBeatsTheGeneralOne() throws Exception {
    int nothing = MotoServer.freePort();

    Result result =
        keys()
            .env("AWS_REGION", "eu-west-1")
            .env("AWS_ENDPOINT_URL", "http://127.0.0.1:" + nothing)
            .env("AWS_ENDPOINT_URL_ECS", aws.endpoint())
            .run("status");

    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private String authorization() {
    List<String> headers =
        aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))).stream()
            .map(r -> r.getHeader("Authorization"))
            .toList();
    assertThat(headers).isNotEmpty();
    return headers.get(0);
  }
}
