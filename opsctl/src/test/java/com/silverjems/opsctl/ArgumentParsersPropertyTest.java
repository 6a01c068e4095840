package com.silverjems.opsctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.ecs.TaskDefinitionRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import picocli.CommandLine.TypeConversionException;

/**
 * No input makes a command crash: whatever is typed, opsctl answers with a usage error, a finding
 * or a failure line and a documented exit code, never an internal error or a stack trace. AWS is a
 * closed port (every call refused at once), so commands that get past their arguments end quickly.
 */
class ArgumentParsersPropertyTest {

  private static final String CLOSED = closedEndpoint();
  private static final Path CACHE = cache();

  @Property(tries = 500)
  void aDurationIsReadOrRefusedWithAMessage(@ForAll String text) {
    try {
      assertThat(Durations.parse(text).isNegative()).isFalse();
    } catch (TypeConversionException refused) {
      assertThat(refused.getMessage()).contains("duration");
    }
  }

  @Property(tries = 200)
  void aFormattedDurationReadsBackAsItself(
      @ForAll @LongRange(min = 0, max = 100_000_000_000L) long millis) {
    Duration duration = Duration.ofMillis(millis);

    assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
  }

  @Property(tries = 300)
  void aTaskDefinitionReferenceIsReadOrRefused(@ForAll String text) {
    try {
      TaskDefinitionRef ref = TaskDefinitionRef.parse(text);
      assertThat(ref.family()).isNotEmpty();
    } catch (IllegalArgumentException refused) {
      assertThat(refused).isNotNull();
    }
  }

  @Property(tries = 250)
  void noCommandLineMakesACommandCrash(@ForAll("commandLines") List<String> args) {
    Result result =
        CliRun.aws(CLOSED)
            .env("OPSCTL_API_TIMEOUT", "300ms")
            .env("XDG_CACHE_HOME", CACHE.toString())
            .env("AWS_CONFIG_FILE", "/nonexistent")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
            .run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(args + "\n" + result).isNotEqualTo(ExitCode.INTERNAL);
    assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
        .as(args + "\n" + result)
        .contains(result.exitCode());
    assertThat(result.err()).as(args + "\n" + result).doesNotContain("\tat ", "internal error, ");
  }

  @Property(tries = 60)
  void countsOutOfRangeAreUsageErrors(
      @ForAll("countOptions") List<String> args,
      @ForAll @net.jqwik.api.constraints.IntRange(min = -1_000_000, max = -1) int n) {
    List<String> line = new ArrayList<>(args);
    line.add(String.valueOf(n));
    Result result =
        CliRun.aws(CLOSED).env("XDG_CACHE_HOME", CACHE.toString()).run(line.toArray(String[]::new));

    assertThat(result.exitCode()).as(line + "\n" + result).isEqualTo(ExitCode.USAGE);
  }

  @Provide
  Arbitrary<List<String>> countOptions() {
    return Arbitraries.of(
        List.of("history", "shop-api", "--limit"),
        List.of("status", "--events"),
        List.of("status", "--tasks"),
        List.of("certs", "--no-acm", "--endpoint", "localhost:1", "--days"));
  }

  @Provide
  Arbitrary<List<String>> commandLines() {
    Arbitrary<List<String>> command =
        Arbitraries.of(
            List.of("status"),
            List.of("history"),
            List.of("history", "shop-api"),
            List.of("rollback", "shop-api"),
            List.of("rollback", "shop-api", "--yes"),
            List.of("certs", "--no-acm"),
            List.of("certs"),
            List.of("silence", "add", "HighErrorRate", "--reason", "r", "--author", "a"),
            List.of("silence", "list"),
            List.of("silence", "expire"),
            List.of("silence", "enforce"),
            List.of());
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of(
                "--days",
                "--endpoint",
                "--limit",
                "--events",
                "--tasks",
                "--to",
                "--for",
                "--reason",
                "--author",
                "--timeout",
                "--poll-interval",
                "--region",
                "--cluster",
                "-o",
                "--api-timeout",
                "--endpoint-url",
                "--alertmanager-url",
                "--zabbix-url",
                "--zabbix-token",
                "--no-acm",
                "--dry-run",
                "--yes",
                "--no-wait",
                "--acm-region",
                "--connect-timeout",
                "--ca-file",
                "--alert",
                "json",
                "table",
                "-1",
                "0",
                "1",
                "99999999999",
                "1h",
                "0s",
                "8d",
                "shop-api",
                "shop-api:0",
                "other:1",
                "localhost:1",
                "127.0.0.1:0",
                "[::1]:1",
                "mars-1",
                "eu-west-1",
                "s-00000001",
                "http://127.0.0.1:1",
                "ftp://x",
                "::",
                "%",
                ""),
            Arbitraries.strings().ofMaxLength(12));
    return Combinators.combine(command, token.list().ofMaxSize(6))
        .as(
            (head, tail) -> {
              List<String> args = new ArrayList<>(head);
              args.addAll(tail);
              return args;
            });
  }

  private static String closedEndpoint() {
    try {
      return "http://127.0.0.1:" + MotoServer.freePort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path cache() {
    try {
      return Files.createTempDirectory("opsctl-properties");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
