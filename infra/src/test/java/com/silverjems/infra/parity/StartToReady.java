package com.silverjems.infra.parity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Start-to-ready time of each production jar (issue 18.4: under 10 s), run by {@code
 * bench/start-to-ready.sh}. The platform is stood up exactly as {@link DeployedConfigurationIT}
 * stands it up (synthesised prod task definitions, their values evaluated against the same local
 * stand-ins, each jar unpacked and started as its Dockerfile runs it, with the task's memory as
 * {@code -XX:MaxRAM}); then each component is started {@code runs} times, one at a time, and timed
 * from the process's start to the first {@code /actuator/health/readiness} that answers UP. The
 * shop goes first (its first start migrates the database, which the route groups need) and its last
 * start stays up while the route groups are timed, as it runs beside them when deployed.
 *
 * <p>Argument: runs per component (default 3). Run from {@code infra/} with the system properties
 * {@code parity.shop.jar} and {@code parity.routes.jar}. Exit status 1 when a component did not
 * become ready; the 10 s target is printed as met or missed (a loaded machine misses it).
 */
final class StartToReady {

  private static final Path LOGS = Path.of("target", "start-to-ready").toAbsolutePath();
  private static final Duration TIMEOUT = Duration.ofSeconds(300);
  private static final long TARGET_MILLIS = 10_000;

  private StartToReady() {}

  record Timing(String component, int memoryMiB, List<Long> millis, List<Long> peakRssMib) {
    long median() {
      List<Long> sorted = millis.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String loadBefore = loadAverage();
    List<Timing> timings = new ArrayList<>();
    boolean allReady = true;
    ComponentProcess shop = null;
    DeployedConfigurationIT.synthesiseAndStandUp();
    try {
      List<DeployedConfigurationIT.Deployed> components =
          DeployedConfigurationIT.prod.stream()
              .sorted(Comparator.comparing(d -> d.routesGroup().isPresent()))
              .toList();
      for (DeployedConfigurationIT.Deployed deployed : components) {
        boolean isShop = deployed.routesGroup().isEmpty();
        List<Long> millis = new ArrayList<>();
        List<Long> peaks = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
          Path log = LOGS.resolve(deployed.name() + "-" + run + ".log");
          long began = System.nanoTime();
          ComponentProcess process = DeployedConfigurationIT.start(deployed, log);
          boolean ready = process.awaitReady(TIMEOUT);
          long elapsed = (System.nanoTime() - began) / 1_000_000;
          long peak = peakRssMib(process.pid());
          if (!ready) {
            List<String> output = process.output();
            System.err.printf(
                "start-to-ready: %s did not become ready (%s), last lines:%n%s%n",
                deployed.name(),
                log,
                String.join("\n", output.subList(Math.max(0, output.size() - 10), output.size())));
            process.close();
            allReady = false;
            break;
          }
          System.err.printf(
              "start-to-ready: %s run %d/%d ready after %d ms (peak RSS %d MiB)%n",
              deployed.name(), run, runs, elapsed, peak);
          millis.add(elapsed);
          peaks.add(peak);
          if (isShop && run == runs) {
            shop = process;
          } else {
            process.close();
          }
        }
        if (!millis.isEmpty()) {
          String name = deployed.routesGroup().map(g -> "hub " + g).orElse("shop");
          timings.add(new Timing(name, deployed.task().memoryMiB(), millis, peaks));
        }
      }
    } finally {
      if (shop != null) {
        shop.close();
      }
      DeployedConfigurationIT.stop();
    }
    System.out.println();
    System.out.printf(
        "%-20s %8s %10s %10s %10s %10s %13s %8s%n",
        "component",
        "task MiB",
        "first ms",
        "median ms",
        "min ms",
        "max ms",
        "peak RSS MiB",
        "< 10 s");
    for (Timing t : timings) {
      System.out.printf(
          "%-20s %8d %10d %10d %10d %10d %13d %8s%n",
          t.component(),
          t.memoryMiB(),
          t.millis().get(0),
          t.median(),
          t.millis().stream().mapToLong(Long::longValue).min().orElseThrow(),
          t.millis().stream().mapToLong(Long::longValue).max().orElseThrow(),
          t.peakRssMib().stream().mapToLong(Long::longValue).max().orElseThrow(),
          t.median() < TARGET_MILLIS ? "met" : "missed");
    }
    System.out.printf(
        "(%d starts each, one at a time, from the process's start to readiness UP, polled every"
            + " 50 ms; the shop's first start migrates an empty database; peak RSS is VmHWM at"
            + " ready;%n %d cores; load average at start: %s, at end: %s)%n",
        runs, Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
    System.exit(allReady ? 0 : 1);
  }

  private static long peakRssMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (java.io.IOException gone) {
      // the process has exited
    }
    return -1;
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
