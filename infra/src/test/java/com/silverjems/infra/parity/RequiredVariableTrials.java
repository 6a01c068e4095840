package com.silverjems.infra.parity;

import com.silverjems.infra.parity.DeployedConfigurationIT.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Removal trials: each component's production jar started as deployed but for one variable its task
 * definition sets (secrets included), which must stop it at once with one line naming that
 * variable. Every variable is tried unless {@link #OPTIONAL} names it with a reason.
 */
final class RequiredVariableTrials {

  /**
   * The variables a task definition sets that a component rightly starts without, and why. A
   * variable set by no task definition may not stay here.
   */
  static final Map<String, String> OPTIONAL =
      Map.of(
          "SERVER_PORT",
          "restates the image's port (EXPOSE, HEALTHCHECK), which is also the application's own"
              + " default: without it the component listens where the load balancer and the"
              + " health check look (checked below)");

  /** What the JVM itself prints before any of our code runs (the image sets the variable). */
  static final Pattern JVM_NOISE = Pattern.compile("Picked up JAVA_TOOL_OPTIONS: .*");

  /** How every start-up problem's line begins: the apps' own reporter's prefix. */
  static final String PREFIX = com.silverjems.schema.startup.StartupProblem.PREFIX;

  /**
   * How long one trial may take: a few seconds on a quiet machine; generous for a load of 30+ on
   * two cores. A component that starts and connects instead takes far longer or becomes ready.
   */
  static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(150);

  /** Trials at once: each is a JVM starting. */
  static final int PARALLEL = 3;

  record Trial(Deployed deployed, String variable) {
    @Override
    public String toString() {
      return deployed.name() + " without " + variable;
    }
  }

  record Outcome(Trial trial, Optional<String> problem, Duration took) {}

  private RequiredVariableTrials() {}

  /** Every trial of the deployed components: each variable of theirs not {@link #OPTIONAL}. */
  static List<Trial> of(List<Deployed> deployed) {
    List<Trial> trials = new ArrayList<>();
    for (Deployed component : deployed) {
      TreeSet<String> names = new TreeSet<>(component.task().environment().keySet());
      names.addAll(component.task().secrets().keySet());
      for (String variable : names) {
        if (!OPTIONAL.containsKey(variable)) {
          trials.add(new Trial(component, variable));
        }
      }
    }
    return trials;
  }

  /** Runs the trials, {@link #PARALLEL} at once, in the order given. */
  static List<Outcome> run(List<Trial> trials, Path trustStore, Path logs) throws Exception {
    Files.createDirectories(logs);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<Outcome>> running = new ArrayList<>();
      for (Trial trial : trials) {
        running.add(pool.submit(() -> run(trial, trustStore, logs)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> outcome : running) {
        outcomes.add(outcome.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome run(Trial trial, Path trustStore, Path logs) throws Exception {
    long start = System.nanoTime();
    Map<String, String> environment = new LinkedHashMap<>(trial.deployed().environment());
    environment.remove(trial.variable());
    // Should it start after all, not on the port of the component already running.
    environment.put("SERVER_PORT", String.valueOf(LocalAws.freePort()));
    Path log = logs.resolve(trial.deployed().name() + "-without-" + trial.variable() + ".log");
    Optional<String> problem;
    try (ComponentProcess process =
        ComponentProcess.start(
            trial.deployed().image(),
            environment,
            trial.deployed().task().memoryMiB(),
            trustStore,
            log)) {
      problem = judge(process, trial.variable());
    }
    return new Outcome(
        trial, problem.map(p -> p + " (" + log + ")"), Duration.ofNanos(System.nanoTime() - start));
  }

  private static Optional<String> judge(ComponentProcess process, String variable)
      throws InterruptedException {
    if (process.awaitReady(TRIAL_TIMEOUT)) {
      return Optional.of("became ready anyway");
    }
    Optional<Integer> exit = process.awaitExit(Duration.ofSeconds(5));
    if (exit.isEmpty()) {
      return Optional.of("neither stopped nor ready after " + TRIAL_TIMEOUT.toSeconds() + " s");
    }
    if (exit.get() == 0) {
      return Optional.of("exited with status 0");
    }
    List<String> lines =
        process.output().stream()
            .filter(line -> !line.isBlank())
            .filter(line -> !JVM_NOISE.matcher(line).matches())
            .toList();
    if (lines.size() != 1) {
      return Optional.of(
          "printed "
              + lines.size()
              + " lines instead of one, the first: "
              + lines.stream()
                  .limit(3)
                  .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line)
                  .toList());
    }
    String line = lines.get(0);
    if (!line.startsWith(PREFIX) || !DeployedConfigurationIT.names(line, variable)) {
      return Optional.of("its one line does not name it: " + line);
    }
    return Optional.empty();
  }
}
