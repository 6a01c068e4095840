package com.silverjems.opsctl.silence;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.opsctl.AwsStubs;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silences across CloudWatch (WireMock speaking the SDK's RPC v2 CBOR), a real Alertmanager, and
 * Zabbix (WireMock shaped like the 6.0 JSON-RPC API).
 */
class SilenceTest {

  static final String ALERT = "HighErrorRate";
  static final String ALARM_ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + ALERT;
  static final String HAND_ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:DiskFull";

  static Alertmanager alertmanager;
  AwsStubs aws;

  @BeforeAll
  static void startAlertmanager(@TempDir Path dir) throws Exception {
    alertmanager = new Alertmanager(dir);
  }

  @AfterAll
  static void stopAlertmanager() {
    alertmanager.close();
  }

  @BeforeEach
  void stubs() throws Exception {
    alertmanager.expireAll();
    aws = new AwsStubs();
    // The alarm of that name, as DescribeAlarms(AlarmNames=[...]) returns it.
    aws.server.stubFor(
        AwsStubs.cloudWatchRequest("DescribeAlarms")
            .withRequestBody(containing("AlarmNames"))
            .atPriority(1)
            .willReturn(
                cbor(
                    Map.of(
                        "MetricAlarms",
                        List.of(alarm(ALERT, ALARM_ARN, true)),
                        "CompositeAlarms",
                        List.of()))));
    disabledAlarms(List.of());
    for (String operation :
        List.of("TagResource", "UntagResource", "DisableAlarmActions", "EnableAlarmActions")) {
      aws.cloudWatch(operation, Map.of());
    }
    zabbix(
        "trigger.get",
        """
        [{"triggerid":"23811","description":"HighErrorRate",
          "hosts":[{"hostid":"10501","host":"shop-api-1"},{"hostid":"10502","host":"shop-api-2"}],
          "tags":[{"tag":"service","value":"shop"}]}]
        """);
    zabbix("maintenance.create", "{\"maintenanceids\":[\"42\"]}");
    zabbix("maintenance.delete", "{\"maintenanceids\":[\"42\"]}");
    zabbix("maintenance.get", "[]");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  private CliRun cli() {
    return CliRun.aws(aws.endpoint())
        .env("OPSCTL_ALERTMANAGER_URL", alertmanager.url())
        .env("OPSCTL_ZABBIX_URL", aws.endpoint() + "/api_jsonrpc.php")
        .env("OPSCTL_ZABBIX_TOKEN", "zabbix-token");
  }

  @Test
  void addSilencesTheAlertEverywhereItIsDefinedWithItsEndReasonAndAuthor() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Result result =
        cli().run(CliRun.silenceAdd(ALERT, "2h", "deploy of 1a2b3c4, see INC-42", "--yes"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String id = silenceId(result.out());
    Instant end = before.plus(Duration.ofHours(2));

    // CloudWatch: the end recorded on the alarm, then its actions disabled.
    JsonNode tagged = aws.cloudWatchRequests("TagResource").get(0);
    assertThat(tagged.path("ResourceARN").asText()).isEqualTo(ALARM_ARN);
    Map<String, String> tags = new LinkedHashMap<>();
    tagged.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
    assertThat(tags)
        .containsEntry("opsctl:silence-id", id)
        .containsEntry("opsctl:silenced-by", "alice");
    assertThat(tags.get("opsctl:silence-reason")).isEqualTo("deploy of 1a2b3c4  see INC-42");
    assertThat(Instant.parse(tags.get("opsctl:silenced-until")))
        .isCloseTo(end, within(5, ChronoUnit.SECONDS));
    assertThat(
            aws.cloudWatchRequests("DisableAlarmActions").get(0).path("AlarmNames").get(0).asText())
        .isEqualTo(ALERT);

    // Alertmanager: a real silence on alertname, ending at the same time.
    JsonNode silence = active(alertmanager.silences()).get(0);
    assertThat(silence.path("matchers").get(0).path("name").asText()).isEqualTo("alertname");
    assertThat(silence.path("matchers").get(0).path("value").asText()).isEqualTo(ALERT);
    assertThat(silence.path("createdBy").asText()).isEqualTo("alice");
    assertThat(silence.path("comment").asText())
        .isEqualTo("[opsctl " + id + "] deploy of 1a2b3c4, see INC-42 (by alice)");
    assertThat(Instant.parse(silence.path("endsAt").asText()))
        .isCloseTo(end, within(5, ChronoUnit.SECONDS));

    // Zabbix: a maintenance on the trigger's hosts, narrowed to its tags, for two hours.
    JsonNode maintenance = zabbixRequests("maintenance.create").get(0);
    assertThat(maintenance.path("auth").asText()).isEqualTo("zabbix-token");
    JsonNode params = maintenance.path("params");
    assertThat(params.path("name").asText()).isEqualTo("opsctl " + id + " " + ALERT);
    assertThat(params.path("hostids").toString()).isEqualTo("[\"10501\",\"10502\"]");
    assertThat(params.path("active_till").asLong() - params.path("active_since").asLong())
        .isEqualTo(7200);
    assertThat(params.path("timeperiods").get(0).path("period").asLong()).isEqualTo(7200);
    JsonNode tag = params.path("tags").get(0);
    assertThat(tag.path("tag").asText()).isEqualTo("service");
    assertThat(tag.path("value").asText()).isEqualTo("shop");
    assertThat(tag.path("operator").asInt()).as("equals").isZero();
    assertThat(params.path("maintenance_type").asInt()).isZero();

    assertThat(result.out())
        .containsPattern("cloudwatch\\s+alarm HighErrorRate\\s+" + Pattern.quote(ALARM_ARN))
        .containsPattern(
            "alertmanager\\s+alertname=\"HighErrorRate\"\\s+" + silence.path("id").asText())
        .containsPattern("zabbix\\s+hosts shop-api-1,shop-api-2 \\(tags 1\\)\\s+42")
        .contains("end it early with: opsctl silence expire " + id);
  }

  @Test
  void dryRunSilencesNothing() throws Exception {
    Result result = cli().run(CliRun.silenceAdd(ALERT, "30m", "noisy", "--dry-run"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Silence HighErrorRate for 30m")
        .containsPattern("cloudwatch\\s+alarm HighErrorRate \\(actions disabled\\)")
        .containsPattern("zabbix\\s+maintenance for trigger HighErrorRate on shop-api-1,shop-api-2")
        .containsPattern("alertmanager\\s+alertname=\"HighErrorRate\" \\(0 alert\\(s\\) now\\)");
    assertThat(result.err()).contains("dry run: nothing silenced");
    assertNothingSilenced();
  }

  @Test
  void refusingTheConfirmationSilencesNothing() throws Exception {
    Result result = cli().typing("yes\n").run(CliRun.silenceAdd(ALERT, "30m", "noisy"));

    assertThat(result.exitCode()).isEqualTo(ExitCode.ABORTED);
    assertThat(result.err())
        .contains("To silence HighErrorRate for 30m, type 'HighErrorRate': ")
        .contains("nothing changed");
    assertNothingSilenced();
  }

  @Test
  void typingTheAlertNameConfirms() throws Exception {
    Result result = cli().typing(ALERT + "\n").run(CliRun.silenceAdd(ALERT, "30m", "noisy"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(active(alertmanager.silences())).hasSize(1);
  }

  @Test
  void aReasonAndAnAuthorAreRequiredAndSilencesAreBounded() {
    Result noReason =
        cli().run("silence", "add", ALERT, "--for", "1h", "--author", "alice", "--yes");
    Result noAuthor = cli().run("silence", "add", ALERT, "--for", "1h", "--reason", "x", "--yes");
    Result tooLong = cli().run(CliRun.silenceAdd(ALERT, "8d", "x", "--yes"));
    Result badDuration = cli().run(CliRun.silenceAdd(ALERT, "soon", "x", "--yes"));
    Result authorFromEnvironment =
        cli()
            .env("OPSCTL_AUTHOR", "bob")
            .run("silence", "add", ALERT, "--for", "1h", "--reason", "x", "--dry-run");

    assertThat(noReason.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");
    assertThat(noAuthor.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noAuthor.err()).contains("--author is required (or set OPSCTL_AUTHOR");
    assertThat(tooLong.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(tooLong.err()).contains("--for must be between 1s and 7d (got 8d)");
    assertThat(badDuration.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badDuration.err()).contains("'soon' is not a duration");
    assertThat(authorFromEnvironment.exitCode()).isZero();
    assertThat(authorFromEnvironment.out()).contains("by bob: x");
    assertThat(aws.cloudWatchRequests("DisableAlarmActions")).isEmpty();
  }

  @Test
  void anAlertDefinedNowhereIsNotFound() {
    aws.server.stubFor(
        AwsStubs.cloudWatchRequest("DescribeAlarms")
            .withRequestBody(containing("AlarmNames"))
            .atPriority(1)
            .willReturn(cbor(Map.of("MetricAlarms", List.of(), "CompositeAlarms", List.of()))));

    Result result =
        CliRun.aws(aws.endpoint()).run(CliRun.silenceAdd("NoSuchAlarm", "1h", "x", "--yes"));

    assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(result.err())
        .contains("no CloudWatch alarm is named 'NoSuchAlarm', and no Alertmanager is configured");
  }

  @Test
  void aSystemThatFailsDoesNotKeepTheAlertLoudInTheOthers() throws Exception {
    aws.server.stubFor(
        AwsStubs.zabbixRequest("trigger.get")
            .atPriority(1)
            .willReturn(
                okJson(
                    "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32602,\"message\":\"Invalid params.\",\"data\":\"Not authorized.\"},\"id\":1}")));

    Result result = cli().run(CliRun.silenceAdd(ALERT, "1h", "x", "--yes"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(result.err())
        .contains(
            "zabbix: could not look up triggers: Zabbix trigger.get: credentials refused (HTTP 200, JSON-RPC -32602): Invalid params. Not authorized.")
        .contains("is active in cloudwatch, alertmanager, NOT in zabbix");
    assertThat(aws.cloudWatchRequests("DisableAlarmActions")).hasSize(1);
    assertThat(active(alertmanager.silences())).hasSize(1);
  }

  @Test
  void aSilenceIsAppliedWhereverItCanBeWhenCloudWatchCannotBeReached() throws Exception {
    Result result =
        cli()
            .env(
                "AWS_ENDPOINT_URL_CLOUDWATCH",
                "http://127.0.0.1:" + com.silverjems.opsctl.MotoServer.freePort())
            .run(CliRun.silenceAdd(ALERT, "1h", "x", "--yes"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(result.err())
        .contains("cloudwatch: could not look up alarms: CloudWatch DescribeAlarms: no answer")
        .contains("is active in zabbix, alertmanager, NOT in cloudwatch");
    assertThat(result.out()).contains("NOT silenced in cloudwatch");
    assertThat(active(alertmanager.silences())).hasSize(1);
    assertThat(zabbixRequests("maintenance.create")).hasSize(1);
  }

  @Test
  void aDryRunWithAnUnreachableSystemOnlyReportsWhatItWouldDo() throws Exception {
    Result result =
        cli()
            .env(
                "OPSCTL_ZABBIX_URL",
                "http://127.0.0.1:" + com.silverjems.opsctl.MotoServer.freePort())
            .run(CliRun.silenceAdd(ALERT, "1h", "x", "--dry-run"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(result.out()).containsPattern("zabbix\\s+cannot tell: look-up failed");
    assertThat(result.err())
        .contains("dry run: nothing silenced; could not look up zabbix")
        .doesNotContain("applied")
        .doesNotContain("is active");
    assertNothingSilenced();
  }

  @Test
  void listSaysWhichSystemsItCouldNotRead() {
    Result result =
        cli().env("OPSCTL_ZABBIX_URL", "http://127.0.0.1:1/api_jsonrpc.php").run("silence", "list");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(result.out())
        .contains("no opsctl silences active in cloudwatch, alertmanager")
        .contains("could not read zabbix: its silences are not shown");
    assertThat(result.err())
        .contains("zabbix: could not read silences: Zabbix maintenance.get: no answer")
        .contains("could not read silences from zabbix; shown: cloudwatch, alertmanager only");
  }

  @Test
  void listShowsOneSilenceAcrossSystemsAndTheOnesNobodyWillEnd() throws Exception {
    Instant end = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    disabledAlarms(List.of(alarm(ALERT, ALARM_ARN, false), alarm("DiskFull", HAND_ARN, false)));
    tagsOf(ALARM_ARN, silenceTags("s-0000abcd", end));
    tagsOf(HAND_ARN, Map.of());
    alertmanager.silence(ALERT, "alice", "[opsctl s-0000abcd] deploy (by alice)", end);
    alertmanager.silence("Watchdog", "bob", "maintenance window", end.plus(Duration.ofHours(1)));
    zabbix(
        "maintenance.get",
        """
        [{"maintenanceid":"42","name":"opsctl s-0000abcd HighErrorRate","active_since":"%1$d","active_till":"%2$d",
          "description":"[opsctl s-0000abcd] deploy (by alice)","hosts":[{"hostid":"10501","host":"shop-api-1"}]},
         {"maintenanceid":"7","name":"Monthly patching","active_since":"%1$d","active_till":"%3$d",
          "description":"","hosts":[{"hostid":"10600","host":"db-1"}]}]
        """
            .formatted(
                Instant.now().getEpochSecond() - 60,
                end.getEpochSecond(),
                end.getEpochSecond() + 86400));

    Result result = cli().run("silence", "list");
    Result json = cli().run("silence", "list", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern(
            "s-0000abcd\\s+HighErrorRate\\s+\\S+ \\S+ \\(in 59m\\)\\s+alice\\s+alertmanager,cloudwatch,zabbix\\s+deploy")
        .contains("not made by opsctl")
        .containsPattern("cloudwatch\\s+DiskFull\\s+alarm DiskFull\\s+never")
        .containsPattern(
            "alertmanager\\s+Watchdog\\s+alertname=\"Watchdog\".*bob\\s+maintenance window")
        .containsPattern("zabbix\\s+Monthly patching\\s+hosts db-1");
    JsonNode silences = new ObjectMapper().readTree(json.out()).path("silences");
    assertThat(silences).hasSize(1);
    assertThat(silences.get(0).path("entries")).hasSize(3);
    assertThat(aws.cloudWatchRequests("EnableAlarmActions")).as("nothing has ended yet").isEmpty();
  }

  @Test
  void endedCloudWatchSilencesAreReEnabledByListByEnforceAndByAnyCommand() throws Exception {
    Instant ended = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    disabledAlarms(
        List.of(
            alarm(ALERT, ALARM_ARN, false),
            alarm("DiskFull", HAND_ARN, false),
            alarm("SlowCheckout", ALARM_ARN + "-slow", false)));
    tagsOf(ALARM_ARN, silenceTags("s-00000001", ended));
    tagsOf(HAND_ARN, Map.of());
    tagsOf(ALARM_ARN + "-slow", silenceTags("s-00000002", Instant.now().plus(Duration.ofHours(1))));

    Result list = cli().run("silence", "list");

    assertThat(list.err())
        .contains(
            "silence s-00000001 on HighErrorRate ended "
                + com.silverjems.opsctl.Times.utc(ended)
                + ": alarm actions re-enabled");
    assertReEnabledOnly(ALERT, ALARM_ARN);

    aws.server.resetRequests();
    aws.ecs("ListServices", "{\"serviceArns\":[]}");
    Result status = cli().run("status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.err()).contains("silence s-00000001 on HighErrorRate ended");
    assertReEnabledOnly(ALERT, ALARM_ARN);

    aws.server.resetRequests();
    Result enforce = cli().run("silence", "enforce");
    assertThat(enforce.exitCode()).isZero();
    assertThat(enforce.out()).contains("1 ended silence(s) cleaned up");
    assertReEnabledOnly(ALERT, ALARM_ARN);
  }

  @Test
  void silencingAgainAnAlarmWhoseSilenceEndedKeepsTheNewSilence() {
    Instant ended = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    disabledAlarms(List.of(alarm(ALERT, ALARM_ARN, false)));
    tagsOf(ALARM_ARN, silenceTags("s-00000001", ended));

    Result result = cli().run(CliRun.silenceAdd(ALERT, "1h", "again", "--yes"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    // The old silence is swept first; the new one is written and disabled after it.
    // WireMock lists what it served newest first.
    List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> served =
        new ArrayList<>(aws.server.getAllServeEvents());
    java.util.Collections.reverse(served);
    List<String> order =
        served.stream()
            .map(e -> e.getRequest().getUrl().replaceAll(".*/operation/", ""))
            .filter(
                operation ->
                    operation.matches(
                        "EnableAlarmActions|UntagResource|TagResource|DisableAlarmActions"))
            .toList();
    assertThat(order)
        .containsExactly(
            "EnableAlarmActions", "UntagResource", "TagResource", "DisableAlarmActions");
  }

  @Test
  void theBackgroundSweepRunsAtMostOnceAMinute(@TempDir Path cache) {
    Instant ended = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    disabledAlarms(List.of(alarm(ALERT, ALARM_ARN, false)));
    tagsOf(ALARM_ARN, silenceTags("s-00000001", ended));
    aws.ecs("ListServices", "{\"serviceArns\":[]}");
    CliRun watching = cli().env("XDG_CACHE_HOME", cache.toString());

    assertThat(watching.run("status").exitCode()).isZero();
    assertThat(aws.cloudWatchRequests("EnableAlarmActions")).hasSize(1);
    assertThat(cache.resolve("opsctl/last-silence-sweep")).exists();

    aws.server.resetRequests();
    assertThat(watching.run("status").exitCode()).isZero();
    assertThat(aws.cloudWatchRequests("DescribeAlarms"))
        .as("no sweep; status's own look-up of the environment's alarms only")
        .allMatch(r -> r.has("AlarmNamePrefix"));
  }

  @Test
  void expireEndsTheSilenceNowInEverySystem() throws Exception {
    Result added = cli().run(CliRun.silenceAdd(ALERT, "2h", "deploy", "--yes"));
    String id = silenceId(added.out());
    Instant end = Instant.now().plus(Duration.ofHours(2));
    disabledAlarms(List.of(alarm(ALERT, ALARM_ARN, false)));
    tagsOf(ALARM_ARN, silenceTags(id, end));
    zabbix(
        "maintenance.get",
        """
        [{"maintenanceid":"42","name":"opsctl %s HighErrorRate","active_since":"%d","active_till":"%d",
          "description":"","hosts":[{"hostid":"10501","host":"shop-api-1"}]}]
        """
            .formatted(id, Instant.now().getEpochSecond(), end.getEpochSecond()));

    Result dryRun = cli().run("silence", "expire", id, "--dry-run");
    assertThat(dryRun.exitCode()).isZero();
    assertThat(active(alertmanager.silences())).hasSize(1);
    assertThat(aws.cloudWatchRequests("EnableAlarmActions")).isEmpty();

    Result result = cli().run("silence", "expire", id);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern(id + "\\s+HighErrorRate\\s+cloudwatch")
        .contains("alertmanager")
        .contains("zabbix");
    assertThat(active(alertmanager.silences())).isEmpty();
    assertReEnabledOnly(ALERT, ALARM_ARN);
    assertThat(zabbixRequests("maintenance.delete").get(0).path("params").toString())
        .isEqualTo("[\"42\"]");

    Result again = cli().run("silence", "expire", "s-ffffffff");
    assertThat(again.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(again.err()).contains("no active opsctl silence s-ffffffff");
  }

  private void assertReEnabledOnly(String alarm, String arn) {
    List<JsonNode> enabled = aws.cloudWatchRequests("EnableAlarmActions");
    assertThat(enabled).hasSize(1);
    assertThat(enabled.get(0).path("AlarmNames").toString()).isEqualTo("[\"" + alarm + "\"]");
    JsonNode untagged = aws.cloudWatchRequests("UntagResource").get(0);
    assertThat(untagged.path("ResourceARN").asText()).isEqualTo(arn);
    assertThat(untagged.path("TagKeys").toString())
        .contains("opsctl:silenced-until", "opsctl:silence-id");
  }

  private void assertNothingSilenced() throws Exception {
    assertThat(aws.cloudWatchRequests("DisableAlarmActions")).isEmpty();
    assertThat(aws.cloudWatchRequests("TagResource")).isEmpty();
    assertThat(active(alertmanager.silences())).isEmpty();
    assertThat(zabbixRequests("maintenance.create")).isEmpty();
  }

  private static List<JsonNode> active(JsonNode silences) {
    List<JsonNode> active = new ArrayList<>();
    silences.forEach(
        s -> {
          if ("active".equals(s.path("status").path("state").asText())) {
            active.add(s);
          }
        });
    return active;
  }

  private static String silenceId(String out) {
    Matcher matcher = Pattern.compile("silence (s-[0-9a-f]{8}) until").matcher(out);
    assertThat(matcher.find()).as(out).isTrue();
    return matcher.group(1);
  }

  private void disabledAlarms(List<Map<String, Object>> alarms) {
    aws.server.stubFor(
        AwsStubs.cloudWatchRequest("DescribeAlarms")
            .atPriority(5)
            .willReturn(cbor(Map.of("MetricAlarms", alarms, "CompositeAlarms", List.of()))));
  }

  private void tagsOf(String arn, Map<String, String> tags) {
    List<Map<String, String>> list = new ArrayList<>();
    tags.forEach((k, v) -> list.add(Map.of("Key", k, "Value", v)));
    aws.server.stubFor(
        AwsStubs.cloudWatchRequest("ListTagsForResource")
            // CBOR keeps text strings as UTF-8 bytes: the ARN is found in the body as is.
            // (ARNs here are not prefixes of one another except for the "-slow" one.)
            .withRequestBody(containing(arn).and(not(containing(arn + "-"))))
            .willReturn(cbor(Map.of("Tags", list))));
  }

  private static Map<String, String> silenceTags(String id, Instant until) {
    return Map.of(
        "opsctl:silence-id",
        id,
        "opsctl:silenced-until",
        until.toString(),
        "opsctl:silenced-since",
        until.minus(Duration.ofHours(2)).toString(),
        "opsctl:silenced-by",
        "alice",
        "opsctl:silence-reason",
        "deploy");
  }

  private static Map<String, Object> alarm(String name, String arn, boolean actionsEnabled) {
    return AwsStubs.alarm(name, arn, actionsEnabled, "ALARM");
  }

  private void zabbix(String method, String result) {
    aws.zabbix(method, result);
  }

  private List<JsonNode> zabbixRequests(String method) {
    return aws.zabbixRequests(method);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder cbor(
      Object body) {
    return AwsStubs.cborAnswer(body);
  }
}
