package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Failures;
import com.silverjems.opsctl.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.ParameterException;

/**
 * The alerting systems one silence command talks to, each attempted on its own: a system that
 * cannot be reached must not keep the alert loud in the others, and the engineer must learn which
 * systems did what. Also decides the exit code: 0 when every system did its part, 6 when some did
 * and some did not, and the failure's own code (4 credentials, 5 throttled, 9 unreachable, ...)
 * when every system attempted failed the same way.
 */
final class Systems {

  /**
   * What one system did.
   *
   * @param system cloudwatch, alertmanager or zabbix
   * @param ok whether the system did its part
   * @param result what it did, or why it could not (the failure's one line)
   * @param exitCode the failure's exit code, 0 when ok
   */
  record Outcome(String system, boolean ok, String result, int exitCode) {}

  private final Output output;
  private final List<Outcome> outcomes = new ArrayList<>();

  Systems(Output output) {
    this.output = output;
  }

  /**
   * Runs {@code action} against {@code system}; on failure records it (and warns on stderr) and
   * returns empty, so that the next system is still attempted.
   */
  <T> Optional<T> attempt(String system, String doing, Supplier<T> action) {
    try {
      return Optional.ofNullable(action.get());
    } catch (ParameterException e) {
      throw e; // the command line is wrong: no system is to be tried
    } catch (RuntimeException e) {
      String line = Failures.describe(e);
      outcomes.add(new Outcome(system, false, line, Failures.exitCode(e)));
      output.warn(system + ": could not " + doing + ": " + line);
      return Optional.empty();
    }
  }

  /** Records that the system did its part. */
  void done(String system, String result) {
    outcomes.add(new Outcome(system, true, result, ExitCode.OK));
  }

  /** Records an outcome found elsewhere, e.g. a failed look-up before the change. */
  void record(Outcome outcome) {
    outcomes.add(outcome);
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  boolean failed(String system) {
    return outcomes.stream().anyMatch(o -> !o.ok() && o.system().equals(system));
  }

  List<String> failed() {
    return outcomes.stream().filter(o -> !o.ok()).map(Outcome::system).distinct().toList();
  }

  List<String> succeeded() {
    List<String> failed = failed();
    return outcomes.stream()
        .filter(Outcome::ok)
        .map(Outcome::system)
        .distinct()
        .filter(s -> !failed.contains(s))
        .toList();
  }

  /** "system: failure line" for each failure. */
  List<String> failures() {
    return outcomes.stream().filter(o -> !o.ok()).map(o -> o.system() + ": " + o.result()).toList();
  }

  /** 0, 6 for a partial result, or the common code of failures that left nothing done. */
  int exitCode() {
    List<Integer> codes =
        outcomes.stream().filter(o -> !o.ok()).map(Outcome::exitCode).distinct().toList();
    if (codes.isEmpty()) {
      return ExitCode.OK;
    }
    if (!succeeded().isEmpty() || codes.size() > 1) {
      return ExitCode.FAILED;
    }
    return codes.get(0);
  }
}
