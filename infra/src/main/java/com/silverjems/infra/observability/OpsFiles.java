package com.silverjems.infra.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ops files the observability stack deploys, read from the repository at synthesis time ({@code
 * cdk synth} and the tests both run in {@code infra/}): the rule files, the Alertmanager definition
 * and the exporters' and collector's configuration live in {@code grafana-provisioning/}, where
 * their own tests (promtool, amtool) prove them.
 */
public final class OpsFiles {

  private OpsFiles() {}

  /** The {@code grafana-provisioning/} folder of the repository this synthesis runs in. */
  public static Path grafanaProvisioning() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("grafana-provisioning");
      if (Files.isDirectory(candidate.resolve("rules"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "grafana-provisioning/rules not found above " + Path.of("").toAbsolutePath());
  }

  /** Every {@code rules/*.rules.yml}, sorted by name. */
  public static List<Path> ruleFiles() {
    try (Stream<Path> files = Files.list(grafanaProvisioning().resolve("rules"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".rules.yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's text, exactly as committed. */
  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file under {@code grafana-provisioning/}, e.g. {@code alertmanager/alertmanager.yml}. */
  public static String read(String relative) {
    return read(grafanaProvisioning().resolve(relative));
  }
}
