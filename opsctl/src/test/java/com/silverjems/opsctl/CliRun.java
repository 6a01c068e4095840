package com.silverjems.opsctl;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs opsctl through {@code CommandLine.execute} with captured stdout/stderr and a made-up world.
 */
public final class CliRun {

  private final Map<String, String> variables = new HashMap<>();
  private Optional<Path> configFile = Optional.empty();
  private String stdin = "";
  private boolean interactive;
  private boolean terminal;
  private Clock clock = Clock.systemUTC();

  /** Dummy AWS credentials, one region, one attempt per call (tests never wait for retries). */
  public static CliRun aws(String endpoint) {
    return new CliRun()
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_ENDPOINT_URL", endpoint);
  }

  /**
   * The arguments of {@code opsctl silence add ALERT --for D --reason R --author alice}, then
   * {@code more} (e.g. {@code --yes}).
   */
  public static String[] silenceAdd(String alert, String duration, String reason, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "silence",
                "add",
                alert,
                "--for",
                duration,
                "--reason",
                reason,
                "--author",
                "alice"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  public CliRun env(String name, String value) {
    variables.put(name, value);
    return this;
  }

  public CliRun config(Path file) {
    configFile = Optional.of(file);
    return this;
  }

  /** A person at a terminal who types {@code text}. */
  public CliRun typing(String text) {
    stdin = text;
    interactive = true;
    return this;
  }

  public CliRun terminal() {
    terminal = true;
    return this;
  }

  public CliRun clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment environment =
        new Environment(
            Map.copyOf(variables),
            configFile,
            new BufferedReader(new StringReader(stdin)),
            interactive,
            terminal,
            clock);
    CommandLine cli = Opsctl.commandLine(environment);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** What a run printed and returned. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
