package com.silverjems.opsctl.certs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.MotoServer;
import com.silverjems.testsupport.tls.TestCertificates;
import com.silverjems.testsupport.tls.TlsTestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * {@code opsctl certs} against real TLS servers presenting generated certificates (good, expiring
 * in 10 days, expired, wrong host, self-signed) and against moto_server's ACM.
 */
class CertsTest {

  static final Instant NOW = Instant.now();
  static TestCertificates.Issued authority;
  static final List<TlsTestServer> servers = new ArrayList<>();
  static TlsTestServer good;
  static TlsTestServer expiring;
  static TlsTestServer expired;
  static TlsTestServer wrongHost;
  static TlsTestServer selfSigned;
  static Path caFile;

  @BeforeAll
  static void servers(@TempDir Path dir) throws Exception {
    authority = TestCertificates.authority("CN=Silver Jems Test CA", NOW);
    good =
        start(
            TestCertificates.leaf(authority, "localhost", NOW.minus(days(1)), NOW.plus(days(200))));
    expiring =
        start(
            TestCertificates.leaf(
                authority,
                "localhost",
                NOW.minus(days(80)),
                NOW.plus(days(10)).plus(Duration.ofHours(1))));
    expired =
        start(
            TestCertificates.leaf(authority, "localhost", NOW.minus(days(90)), NOW.minus(days(2))));
    wrongHost =
        start(
            TestCertificates.leaf(
                authority, "shop.other.example", NOW.minus(days(1)), NOW.plus(days(200))));
    selfSigned =
        start(TestCertificates.selfSigned("localhost", NOW.minus(days(1)), NOW.plus(days(200))));
    caFile = dir.resolve("ca.pem");
    Files.writeString(caFile, TestCertificates.pem(authority.leaf()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (TlsTestServer server : servers) {
      server.close();
    }
  }

  private static TlsTestServer start(TestCertificates.Issued identity) throws Exception {
    TlsTestServer server = TlsTestServer.start(identity);
    servers.add(server);
    return server;
  }

  private static Duration days(long n) {
    return Duration.ofDays(n);
  }

  private static Result endpoints(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("certs", "--no-acm", "--ca-file", caFile.toString()));
    args.addAll(List.of(extra));
    return new CliRun().run(args.toArray(String[]::new));
  }

  @Test
  void aHealthyEndpointPasses() {
    Result result = endpoints("--endpoint", good.endpoint());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern(
            good.endpoint() + "\\s+CN=localhost\\s+\\S+ \\S+\\s+199\\s+match\\s+trusted\\s+OK")
        .contains("all certificates OK");
  }

  @Test
  void eachBrokenAspectIsReportedSeparatelyAndFailsTheRun() throws Exception {
    Result result =
        endpoints(
            "--days", "30",
            "--endpoint", expiring.endpoint(),
            "--endpoint", expired.endpoint(),
            "--endpoint", wrongHost.endpoint(),
            "--endpoint", selfSigned.endpoint(),
            "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CRITICAL);
    JsonNode endpoints = new ObjectMapper().readTree(result.out()).path("endpoints");

    JsonNode soon = endpoints.path(0);
    assertThat(soon.path("verdict").asText()).isEqualTo("WARNING");
    assertThat(soon.path("daysLeft").asLong()).isEqualTo(10);
    assertThat(soon.path("chainTrusted").asBoolean()).isTrue();
    assertThat(soon.path("hostnameMatches").asBoolean()).isTrue();

    JsonNode old = endpoints.path(1);
    assertThat(old.path("verdict").asText()).isEqualTo("CRITICAL");
    assertThat(old.path("daysLeft").asLong()).isEqualTo(-2);
    assertThat(old.path("reason").asText()).isEqualTo("leaf CN=localhost expired 2 days ago");
    assertThat(old.path("chainTrusted").asBoolean())
        .as("the chain is judged apart from the leaf's expiry")
        .isTrue();

    JsonNode elsewhere = endpoints.path(2);
    assertThat(elsewhere.path("verdict").asText()).isEqualTo("CRITICAL");
    assertThat(elsewhere.path("hostnameMatches").asBoolean()).isFalse();
    assertThat(elsewhere.path("names").get(0).asText()).isEqualTo("shop.other.example");
    assertThat(elsewhere.path("chainTrusted").asBoolean()).isTrue();

    JsonNode untrusted = endpoints.path(3);
    assertThat(untrusted.path("verdict").asText()).isEqualTo("CRITICAL");
    assertThat(untrusted.path("chainTrusted").asBoolean()).isFalse();
    assertThat(untrusted.path("chainProblem").asText())
        .isEqualTo("self-signed certificate, not trusted");
    assertThat(untrusted.path("hostnameMatches").asBoolean()).isTrue();
    assertThat(untrusted.path("chain")).hasSize(1);
    assertThat(endpoints.path(0).path("chain")).hasSize(2);
  }

  @Test
  void theThresholdDecidesWhatExpiringMeansAndTheTableNamesTheProblems() {
    assertThat(endpoints("--days", "7", "--endpoint", expiring.endpoint()).exitCode()).isZero();

    Result result =
        endpoints("--endpoint", expiring.endpoint(), "--endpoint", wrongHost.endpoint());

    assertThat(result.exitCode()).isEqualTo(ExitCode.CRITICAL);
    assertThat(endpoints("--endpoint", expiring.endpoint()).exitCode())
        .as("WARNING alone")
        .isEqualTo(ExitCode.FINDINGS);
    assertThat(result.out())
        .containsPattern(expiring.endpoint() + ".*\\s10\\s+match\\s+trusted\\s+WARNING")
        .containsPattern(wrongHost.endpoint() + ".*MISMATCH\\s+trusted\\s+CRITICAL")
        .contains("problem: " + expiring.endpoint() + ": leaf CN=localhost expires in 10 days")
        .contains(
            "problem: "
                + wrongHost.endpoint()
                + ": hostname not in certificate [shop.other.example]");
  }

  @Test
  void aPrivateCaIsOnlyTrustedWhenGiven() throws Exception {
    Result result =
        new CliRun().run("certs", "--no-acm", "--endpoint", good.endpoint(), "-o", "json");

    assertThat(result.exitCode()).isEqualTo(ExitCode.CRITICAL);
    JsonNode endpoint = new ObjectMapper().readTree(result.out()).path("endpoints").path(0);
    assertThat(endpoint.path("chainTrusted").asBoolean()).isFalse();
    assertThat(endpoint.path("chainProblem").asText()).startsWith("not trusted:");
  }

  @Test
  void anUnreachableEndpointIsBroken() throws Exception {
    Result result = endpoints("--endpoint", "localhost:" + MotoServer.freePort());

    assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(result.out())
        .containsPattern("UNREACHABLE")
        .contains("no answer (cannot connect: connection refused)");
  }

  @Test
  void withinSevenDaysIsCriticalWhateverTheThreshold() throws Exception {
    TlsTestServer soon =
        start(
            TestCertificates.leaf(
                authority,
                "localhost",
                NOW.minus(days(80)),
                NOW.plus(days(5)).plus(Duration.ofHours(1))));

    Result result = endpoints("--days", "3", "--endpoint", soon.endpoint());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.CRITICAL);
    assertThat(result.out()).contains("leaf CN=localhost expires in 5 days").contains("CRITICAL");
  }

  @Test
  void badArgumentsExitTwoWithAClearLine() {
    Result negative = endpoints("--days", "-5", "--endpoint", good.endpoint());
    Result notAHost = endpoints("--endpoint", "not a host:xx");
    Result noPort = endpoints("--endpoint", "localhost:70000");

    assertThat(negative.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(negative.err()).contains("--days must be between 1 and 3650, not -5");
    assertThat(notAHost.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(notAHost.err()).contains("--endpoint takes HOST:PORT").contains("'not a host:xx'");
    assertThat(noPort.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void acmCertificatesWithinTheThresholdFailTheRun() throws Exception {
    MotoServer moto = MotoServer.started();
    try (AcmClient acm =
        AcmClient.builder()
            .endpointOverride(URI.create(moto.endpoint()))
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
            .build()) {
      importInto(
          acm,
          TestCertificates.leaf(
              authority, "shop.silverjems.example", NOW.minus(days(1)), NOW.plus(days(200))));
      importInto(
          acm,
          TestCertificates.leaf(
              authority,
              "api.silverjems.example",
              NOW.minus(days(80)),
              NOW.plus(days(10)).plus(Duration.ofHours(1))));

      Result result = CliRun.aws(moto.endpoint()).run("certs", "--days", "30");
      Result relaxed = CliRun.aws(moto.endpoint()).run("certs", "--days", "5", "-o", "json");

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FINDINGS);
      assertThat(result.out())
          .containsPattern(
              "api.silverjems.example\\s+eu-west-1\\s+ISSUED\\s+IMPORTED\\s+\\S+ \\S+\\s+10\\s+INELIGIBLE\\s+\\(unused\\)\\s+WARNING")
          .containsPattern(
              "shop.silverjems.example\\s+eu-west-1\\s+ISSUED\\s+IMPORTED\\s+\\S+ \\S+\\s+199\\s+INELIGIBLE\\s+\\(unused\\)\\s+OK")
          .contains(
              "problem: api.silverjems.example (ACM eu-west-1): expires in 10 days, not renewed by ACM: reimport");
      assertThat(relaxed.exitCode()).isZero();
      JsonNode acmList = new ObjectMapper().readTree(relaxed.out()).path("acm");
      assertThat(acmList).hasSize(2);
      assertThat(acmList.findValuesAsText("region")).containsOnly("eu-west-1");
    }
  }

  private static void importInto(AcmClient acm, TestCertificates.Issued issued) throws Exception {
    String certificate = TestCertificates.pem(issued.leaf());
    String key = TestCertificates.pem(issued.key().getPrivate());
    String chain = TestCertificates.pem(authority.leaf());
    acm.importCertificate(
        r ->
            r.certificate(SdkBytes.fromUtf8String(certificate))
                .privateKey(SdkBytes.fromUtf8String(key))
                .certificateChain(SdkBytes.fromUtf8String(chain)));
  }
}
