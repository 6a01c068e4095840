package com.silverjems.opsctl.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.silverjems.opsctl.AwsStubs;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command through one stub server that answers each AWS and backend call it makes (ECS,
 * CloudWatch in RPC v2 CBOR, ACM, Alertmanager, Zabbix) healthily, except one call that fails in
 * turn with: a timeout, a connection reset, a connection closed without an answer, garbage, an HTML
 * error page, an empty body, a truncated body, 4xx/5xx with and without the system's error code,
 * and throttling. Each run must end with a documented exit code, no stack trace, and a line that
 * names the system, the operation, the HTTP status and the request id where there is one.
 *
 * <p>Every call gets the faults below and a representative set of statuses; each system's first
 * call gets every 4xx and 5xx status (the classification is per system, not per call). Retries and
 * timeouts are set the way a user sets them: AWS_MAX_ATTEMPTS=1 and OPSCTL_API_TIMEOUT=300ms.
 */
class FaultInjectionTest {

  static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
  static final String TD = ARN + "task-definition/shop-api:";
  static final String ALARM_ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:HighErrorRate";
  static final String ALERT = "HighErrorRate";
  static final String REQUEST_ID = "req-0f1e2d3c";

  static WireMockServer stub;
  static Path cache;

  /** The wire format of a call, which decides what its error answers look like. */
  enum Protocol {
    AWS_JSON,
    AWS_CBOR,
    HTTP_JSON,
    JSON_RPC
  }

  /**
   * One call a command makes: which request it is, and its healthy answer(s).
   *
   * @param system as the error line names it
   * @param operation as the error line names it
   * @param answersWithBody whether the healthy answer has a body (an empty one is then a fault)
   */
  record Call(
      String system,
      String operation,
      Protocol protocol,
      Supplier<MappingBuilder> request,
      boolean answersWithBody,
      List<byte[]> healthy) {

    @Override
    public String toString() {
      return system + " " + operation;
    }
  }

  /** A command and every call it makes when all goes well. */
  record Command(String name, List<String> args, int partial, List<Call> calls) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A way for a call to fail.
   *
   * @param answered whether an HTTP answer (status) arrives
   * @param status the HTTP status, when answered
   * @param requestId whether the answer carries a request id
   */
  record Fault(String name, boolean answered, int status, boolean requestId, Answer answer) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Answer {
    ResponseDefinitionBuilder to(Call call);
  }

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    stub =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(40)
                .asynchronousResponseEnabled(true));
    stub.start();
    cache = dir;
    // A connection the JDK keeps alive after a timed-out call could carry the late answer into
    // the next case.
    System.setProperty("http.keepAlive", "false");
    // The first run loads the SDK, slower than the 300ms a call may take: not a case.
    healthy(scenarios().get(0));
    CliRun.aws("http://127.0.0.1:" + stub.port())
        .run(scenarios().get(0).args().toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    stub.stop();
  }

  @BeforeEach
  void reset() throws Exception {
    stub.resetAll();
    // The background sweep of ended silences is best effort and has its own test: keep it out of
    // the way by marking it done a moment ago.
    Path marker = cache.resolve("opsctl/last-silence-sweep");
    Files.createDirectories(marker.getParent());
    Files.writeString(marker, "");
    Files.setLastModifiedTime(marker, java.nio.file.attribute.FileTime.from(Instant.now()));
  }

  static Stream<Arguments> faults() {
    List<Arguments> cases = new ArrayList<>();
    List<String> systems = new ArrayList<>();
    List<String> operations = new ArrayList<>();
    for (Command scenario : scenarios()) {
      for (Call call : scenario.calls()) {
        Level level = !systems.contains(call.system()) ? Level.EVERY_STATUS : Level.NO_STATUSES;
        systems.add(call.system());
        operations.add(call.toString());
        for (Fault fault : faultsFor(call, level)) {
          cases.add(Arguments.of(scenario, call, fault));
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> scenariosOnly() {
    return scenarios().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} healthy")
  @MethodSource("scenariosOnly")
  void everyScenarioSucceedsWhenEveryCallIsAnsweredWell(Command scenario) {
    healthy(scenario);

    Result result = run(scenario);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    for (Call call : scenario.calls()) {
      assertThat(stub.findAll(requested(call))).as(call + " is made").isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}: {1} answers {2}")
  @MethodSource("faults")
  void everyFaultEndsInOneLineAndADocumentedExitCode(Command scenario, Call call, Fault fault) {
    healthy(scenario);
    stub.stubFor(call.request().get().atPriority(1).willReturn(fault.answer().to(call)));

    Result result = run(scenario);

    assertThat(stub.findAll(requested(call))).as("the faulty call is made").isNotEmpty();
    int expected = scenario.partial() != 0 ? scenario.partial() : expectedExitCode(fault);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(expected);
    assertThat(result.err()).as(result.toString()).doesNotContain("\tat ", "Caused by", "internal");
    String facts =
        fault.answered()
            ? "(HTTP " + fault.status() + (fault.requestId() ? "" : ")")
            : ": no answer from http://127.0.0.1:" + stub.port();
    List<String> naming =
        result
            .err()
            .lines()
            .filter(l -> l.contains(call.system() + " " + call.operation()))
            .filter(l -> l.contains(facts))
            .filter(l -> !fault.requestId() || l.contains("request id " + REQUEST_ID))
            .toList();
    assertThat(naming).as(result.toString()).isNotEmpty();
    if (scenario.partial() == 0) {
      assertThat(result.err().lines().filter(l -> l.startsWith("opsctl ")))
          .as(result.toString())
          .hasSize(1);
    }
  }

  static int expectedExitCode(Fault fault) {
    if (!fault.answered()) {
      return ExitCode.UNREACHABLE;
    }
    if (fault.name().startsWith("throttl") || fault.status() == 429) {
      return ExitCode.THROTTLED;
    }
    if (fault.status() == 401 || fault.status() == 403) {
      return ExitCode.AUTH;
    }
    return ExitCode.FAILED;
  }

  private Result run(Command scenario) {
    return CliRun.aws("http://127.0.0.1:" + stub.port())
        .env("OPSCTL_API_TIMEOUT", "300ms")
        .env("XDG_CACHE_HOME", cache.toString())
        .env("OPSCTL_ALERTMANAGER_URL", "http://127.0.0.1:" + stub.port() + "/am")
        .env("OPSCTL_ZABBIX_URL", "http://127.0.0.1:" + stub.port() + "/api_jsonrpc.php")
        .env("OPSCTL_ZABBIX_TOKEN", "token")
        .run(scenario.args().toArray(String[]::new));
  }

  private static void healthy(Command scenario) {
    for (Call call : scenario.calls()) {
      if (call.healthy().size() == 1) {
        stub.stubFor(
            call.request().get().atPriority(5).willReturn(ok(call, call.healthy().get(0))));
        continue;
      }
      String name = call.toString() + "-" + System.nanoTime();
      for (int i = 0; i < call.healthy().size(); i++) {
        var mapping =
            call.request()
                .get()
                .atPriority(5)
                .inScenario(name)
                .whenScenarioStateIs(
                    i == 0
                        ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED
                        : "step" + i);
        if (i < call.healthy().size() - 1) {
          mapping = mapping.willSetStateTo("step" + (i + 1));
        }
        stub.stubFor(mapping.willReturn(ok(call, call.healthy().get(i))));
      }
    }
  }

  private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder requested(
      Call call) {
    return com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.like(
        call.request().get().build().getRequest());
  }

  // --- answers -------------------------------------------------------------------------------

  private static ResponseDefinitionBuilder ok(Call call, byte[] body) {
    return headers(aResponse().withStatus(200), call, true).withBody(body);
  }

  private static ResponseDefinitionBuilder headers(
      ResponseDefinitionBuilder response, Call call, boolean requestId) {
    switch (call.protocol()) {
      case AWS_JSON -> response.withHeader("Content-Type", "application/x-amz-json-1.1");
      case AWS_CBOR ->
          response
              .withHeader("Content-Type", "application/cbor")
              .withHeader("smithy-protocol", "rpc-v2-cbor");
      default -> response.withHeader("Content-Type", "application/json");
    }
    if (requestId) {
      response.withHeader(
          call.protocol() == Protocol.AWS_JSON || call.protocol() == Protocol.AWS_CBOR
              ? "x-amzn-RequestId"
              : "X-Request-Id",
          REQUEST_ID);
    }
    return response;
  }

  /** The system's own error answer with its error code. */
  private static ResponseDefinitionBuilder coded(Call call, int status, String code) {
    String message = "injected " + code;
    byte[] body =
        switch (call.protocol()) {
          case AWS_JSON ->
              ("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          case AWS_CBOR -> cbor(Map.of("__type", code, "message", message));
          case HTTP_JSON ->
              ("{\"code\":" + status + ",\"message\":\"" + message + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          case JSON_RPC ->
              ("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32500,\"message\":\"Application error.\","
                      + "\"data\":\""
                      + message
                      + "\"},\"id\":1}")
                  .getBytes(StandardCharsets.UTF_8);
        };
    return headers(aResponse().withStatus(status), call, true).withBody(body);
  }

  private static ResponseDefinitionBuilder html(int status, boolean requestId, Call call) {
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "text/html")
            .withBody(
                "<!DOCTYPE html>\n<html><head><title>"
                    + status
                    + " Proxy Error</title></head><body><h1>Proxy Error</h1></body></html>");
    if (requestId) {
      response.withHeader("x-amzn-RequestId", REQUEST_ID).withHeader("X-Request-Id", REQUEST_ID);
    }
    return response;
  }

  /** How many statuses a call is tried with: all for a system's first call, some per operation. */
  enum Level {
    EVERY_STATUS,
    SOME_STATUSES,
    NO_STATUSES
  }

  static List<Fault> faultsFor(Call call, Level level) {
    List<Fault> faults = new ArrayList<>();
    faults.add(
        new Fault(
            "a timeout", false, 0, false, c -> ok(c, c.healthy().get(0)).withFixedDelay(800)));
    faults.add(
        new Fault(
            "a connection reset",
            false,
            0,
            false,
            c ->
                aResponse()
                    .withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    faults.add(
        new Fault(
            "a closed connection",
            false,
            0,
            false,
            c -> aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));
    faults.add(new Fault("an HTML page at 200", true, 200, true, c -> html(200, true, c)));
    faults.add(new Fault("a proxy's HTML 502", true, 502, false, c -> html(502, false, c)));
    faults.add(new Fault("a proxy's HTML 403", true, 403, false, c -> html(403, false, c)));
    if (call.answersWithBody()) {
      faults.add(
          new Fault(
              "an empty 200", true, 200, true, c -> headers(aResponse().withStatus(200), c, true)));
      byte[] whole = call.healthy().get(0);
      faults.add(
          new Fault(
              "a truncated body",
              true,
              200,
              true,
              c -> ok(c, Arrays.copyOf(whole, Math.max(1, whole.length / 2)))));
    }
    faults.add(
        new Fault(
            "an empty 500", true, 500, true, c -> headers(aResponse().withStatus(500), c, true)));
    boolean aws = call.protocol() == Protocol.AWS_JSON || call.protocol() == Protocol.AWS_CBOR;
    faults.add(
        aws
            ? new Fault("throttling", true, 400, true, c -> coded(c, 400, "ThrottlingException"))
            : new Fault(
                "throttling",
                true,
                429,
                true,
                c -> html(429, true, c).withHeader("Retry-After", "1")));
    List<Integer> statuses =
        level == Level.NO_STATUSES
            ? List.of()
            : level == Level.EVERY_STATUS
                ? Stream.concat(
                        Stream.of(
                            400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413,
                            414, 415, 416, 417, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451),
                        Stream.of(500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511))
                    .toList()
                : List.of(400, 401, 403, 404, 429, 500, 503);
    for (int status : statuses) {
      String code =
          status == 401 || status == 403
              ? "AccessDeniedException"
              : status == 429
                  ? "TooManyRequestsException"
                  : status < 500 ? "InvalidParameterException" : "ServerException";
      faults.add(
          new Fault(
              "HTTP " + status + " " + code, true, status, true, c -> coded(c, status, code)));
      faults.add(
          new Fault(
              "HTTP " + status + " without an error code",
              true,
              status,
              false,
              c -> html(status, false, c)));
    }
    return faults;
  }

  // --- the calls of each command ------------------------------------------------------------

  static List<Command> scenarios() {
    long now = Instant.now().getEpochSecond();
    Call listServices =
        ecs("ListServices", "{\"serviceArns\":[\"" + ARN + "service/silverjems-prod/shop-api\"]}");
    Call describeServices =
        ecs("DescribeServices", services(42, deployment("ecs-svc/800", 42, "COMPLETED")));
    Call describeTaskDefinition =
        ecs(
            "DescribeTaskDefinition",
            "{\"taskDefinition\":{\"taskDefinitionArn\":\""
                + TD
                + "42\",\"family\":\"shop-api\",\"revision\":42,\"status\":\"ACTIVE\","
                + "\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"shop:abc\"}]},\"tags\":[]}");
    Call listTasks = ecs("ListTasks", "{\"taskArns\":[\"" + ARN + "task/silverjems-prod/abc\"]}");
    Call describeTasks =
        ecs(
            "DescribeTasks",
            "{\"tasks\":[{\"taskArn\":\""
                + ARN
                + "task/silverjems-prod/abc\",\"lastStatus\":\"RUNNING\",\"healthStatus\":\"HEALTHY\","
                + "\"containers\":[]}],\"failures\":[]}");
    Call listTaskDefinitions =
        ecs(
            "ListTaskDefinitions",
            "{\"taskDefinitionArns\":[\"" + TD + "40\",\"" + TD + "41\",\"" + TD + "42\"]}");
    Call updateService =
        ecs(
            "UpdateService",
            "{\"service\":" + service(41, deployment("ecs-svc/900", 41, "IN_PROGRESS")) + "}");
    Call watchedServices =
        new Call(
            "ECS",
            "DescribeServices",
            Protocol.AWS_JSON,
            () -> AwsStubs.ecsRequest("DescribeServices"),
            true,
            List.of(
                bytes(services(42, deployment("ecs-svc/800", 42, "COMPLETED"))),
                bytes(services(41, deployment("ecs-svc/900", 41, "COMPLETED")))));
    Call statusAlarms =
        cloudWatch(
            "DescribeAlarms",
            Map.of(
                "MetricAlarms",
                List.of(alarm("silverjems-prod-shop-api-deployment", true, "OK")),
                "CompositeAlarms",
                List.of()));

    Call listCertificates =
        acm(
            "ListCertificates",
            "{\"CertificateSummaryList\":[{\"CertificateArn\":\"arn:aws:acm:eu-west-1:123456789012:certificate/abc\",\"DomainName\":\"shop.example\"}]}");
    Call describeCertificate =
        acm(
            "DescribeCertificate",
            "{\"Certificate\":{\"CertificateArn\":\"arn:aws:acm:eu-west-1:123456789012:certificate/abc\","
                + "\"DomainName\":\"shop.example\",\"Status\":\"ISSUED\",\"Type\":\"AMAZON_ISSUED\","
                + "\"NotAfter\":"
                + (now + 200 * 86_400)
                + ",\"InUseBy\":[],\"RenewalEligibility\":\"ELIGIBLE\"}}");

    // Silences: one alarm, silenced by opsctl until later (or until a moment ago, for enforce).
    Map<String, Object> activeAlarm = alarm(ALERT, true, "ALARM");
    Map<String, Object> silencedAlarm = alarm(ALERT, false, "ALARM");
    Call findAlarm =
        cloudWatch(
            "DescribeAlarms",
            Map.of("MetricAlarms", List.of(activeAlarm), "CompositeAlarms", List.of()));
    Call silencedAlarms =
        cloudWatch(
            "DescribeAlarms",
            Map.of("MetricAlarms", List.of(silencedAlarm), "CompositeAlarms", List.of()));
    Call activeTags = cloudWatch("ListTagsForResource", Map.of("Tags", tags(now + 3_600)));
    Call endedTags = cloudWatch("ListTagsForResource", Map.of("Tags", tags(now - 60)));
    Call tagResource = cloudWatchNoBody("TagResource");
    Call disableActions = cloudWatchNoBody("DisableAlarmActions");
    Call enableActions = cloudWatchNoBody("EnableAlarmActions");
    Call untagResource = cloudWatchNoBody("UntagResource");
    Call alerts = alertmanager("GET", "/am/api/v2/alerts", "GET /api/v2/alerts", "[]");
    Call createSilence =
        alertmanager(
            "POST", "/am/api/v2/silences", "POST /api/v2/silences", "{\"silenceID\":\"am-1\"}");
    Call readSilences =
        alertmanager(
            "GET",
            "/am/api/v2/silences",
            "GET /api/v2/silences",
            "[{\"id\":\"am-1\",\"status\":{\"state\":\"active\"},\"matchers\":[{\"name\":\"alertname\","
                + "\"value\":\"HighErrorRate\",\"isRegex\":false,\"isEqual\":true}],"
                + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\""
                + Instant.ofEpochSecond(now + 3_600)
                + "\",\"createdBy\":\"alice\",\"comment\":\"[opsctl s-00000001] deploy (by alice)\"}]");
    Call deleteSilence =
        new Call(
            "Alertmanager",
            "DELETE /api/v2/silence/am-1",
            Protocol.HTTP_JSON,
            () -> any(urlPathEqualTo("/am/api/v2/silence/am-1")),
            false,
            List.of(new byte[0]));
    Call triggers =
        zabbix(
            "trigger.get",
            "[{\"triggerid\":\"1\",\"description\":\"HighErrorRate\",\"hosts\":[{\"hostid\":\"10\",\"host\":\"shop-1\"}],\"tags\":[]}]");
    Call createMaintenance = zabbix("maintenance.create", "{\"maintenanceids\":[\"42\"]}");
    Call activeMaintenances = zabbix("maintenance.get", maintenance(now + 3_600));
    Call endedMaintenances = zabbix("maintenance.get", maintenance(now - 60));
    Call deleteMaintenance = zabbix("maintenance.delete", "{\"maintenanceids\":[\"42\"]}");

    return List.of(
        new Command(
            "status",
            List.of("status"),
            0,
            List.of(
                listServices,
                describeServices,
                describeTaskDefinition,
                listTasks,
                describeTasks,
                statusAlarms)),
        new Command(
            "history",
            List.of("history", "shop-api"),
            0,
            List.of(describeServices, listTaskDefinitions, describeTaskDefinition)),
        new Command(
            "rollback --dry-run",
            List.of("rollback", "shop-api", "--dry-run"),
            0,
            List.of(describeServices, listTaskDefinitions, describeTaskDefinition)),
        new Command(
            "rollback --yes",
            List.of("rollback", "shop-api", "--yes", "--poll-interval", "0s"),
            0,
            List.of(watchedServices, listTaskDefinitions, describeTaskDefinition, updateService)),
        new Command(
            "certs",
            List.of("certs", "--acm-region", "eu-west-1"),
            0,
            List.of(listCertificates, describeCertificate)),
        new Command(
            "silence add",
            List.of(CliRun.silenceAdd(ALERT, "1h", "x", "--yes")),
            ExitCode.FAILED,
            List.of(
                findAlarm,
                tagResource,
                disableActions,
                alerts,
                createSilence,
                triggers,
                createMaintenance)),
        new Command(
            "silence list",
            List.of("silence", "list"),
            ExitCode.FAILED,
            List.of(silencedAlarms, activeTags, readSilences, activeMaintenances)),
        new Command(
            "silence expire",
            List.of("silence", "expire", "s-00000001"),
            ExitCode.FAILED,
            List.of(
                silencedAlarms,
                activeTags,
                enableActions,
                untagResource,
                readSilences,
                deleteSilence,
                activeMaintenances,
                deleteMaintenance)),
        new Command(
            "silence enforce",
            List.of("silence", "enforce"),
            ExitCode.FAILED,
            List.of(
                silencedAlarms,
                endedTags,
                enableActions,
                untagResource,
                endedMaintenances,
                deleteMaintenance)));
  }

  private static Call ecs(String operation, String json) {
    return new Call(
        "ECS",
        operation,
        Protocol.AWS_JSON,
        () -> AwsStubs.ecsRequest(operation),
        true,
        List.of(bytes(json)));
  }

  private static Call acm(String operation, String json) {
    return new Call(
        "ACM",
        operation,
        Protocol.AWS_JSON,
        () ->
            post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CertificateManager." + operation)),
        true,
        List.of(bytes(json)));
  }

  private static Call cloudWatch(String operation, Object answer) {
    return new Call(
        "CloudWatch",
        operation,
        Protocol.AWS_CBOR,
        () -> AwsStubs.cloudWatchRequest(operation),
        true,
        List.of(cbor(answer)));
  }

  private static Call cloudWatchNoBody(String operation) {
    return new Call(
        "CloudWatch",
        operation,
        Protocol.AWS_CBOR,
        () -> AwsStubs.cloudWatchRequest(operation),
        false,
        List.of(cbor(Map.of())));
  }

  private static Call alertmanager(String method, String path, String operation, String json) {
    return new Call(
        "Alertmanager",
        operation,
        Protocol.HTTP_JSON,
        () ->
            "GET".equals(method)
                ? com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching(path))
                : post(urlPathEqualTo(path)),
        true,
        List.of(bytes(json)));
  }

  private static Call zabbix(String method, String result) {
    return new Call(
        "Zabbix",
        method,
        Protocol.JSON_RPC,
        () -> AwsStubs.zabbixRequest(method),
        true,
        List.of(bytes(AwsStubs.zabbixAnswer(result))));
  }

  private static String maintenance(long till) {
    return "[{\"maintenanceid\":\"42\",\"name\":\"opsctl s-00000001 HighErrorRate\",\"active_since\":\""
        + (till - 7_200)
        + "\",\"active_till\":\""
        + till
        + "\",\"description\":\"\",\"hosts\":[{\"hostid\":\"10\",\"host\":\"shop-1\"}]}]";
  }

  private static List<Map<String, String>> tags(long until) {
    return List.of(
        Map.of("Key", "opsctl:silence-id", "Value", "s-00000001"),
        Map.of("Key", "opsctl:silenced-until", "Value", Instant.ofEpochSecond(until).toString()),
        Map.of("Key", "opsctl:silenced-by", "Value", "alice"),
        Map.of("Key", "opsctl:silence-reason", "Value", "deploy"));
  }

  private static Map<String, Object> alarm(String name, boolean actionsEnabled, String state) {
    return AwsStubs.alarm(name, ALARM_ARN.replace(ALERT, name), actionsEnabled, state);
  }

  static String services(int revision, String deployments) {
    return "{\"services\":[" + service(revision, deployments) + "],\"failures\":[]}";
  }

  static String service(int revision, String deployments) {
    return """
        {"serviceName":"shop-api","serviceArn":"%sservice/silverjems-prod/shop-api","status":"ACTIVE",
         "desiredCount":1,"runningCount":1,"pendingCount":0,"taskDefinition":"%s%d","deployments":[%s],
         "deploymentConfiguration":{"alarms":{"alarmNames":["silverjems-prod-shop-api-deployment"],
           "enable":true,"rollback":true}},
         "events":[]}
        """
        .formatted(ARN, TD, revision, deployments);
  }

  static String deployment(String id, int revision, String rollout) {
    return """
        {"id":"%s","status":"PRIMARY","taskDefinition":"%s%d","desiredCount":1,"runningCount":1,
         "pendingCount":0,"failedTasks":0,"rolloutState":"%s","createdAt":1795403000.0}
        """
        .formatted(id, TD, revision, rollout);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] cbor(Object value) {
    return AwsStubs.cbor(value);
  }
}
