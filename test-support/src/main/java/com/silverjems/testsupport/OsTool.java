package com.silverjems.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Finds an operating-system tool a test needs (chromium, promtool, zabbix_agent2, ...). Under CI
 * (the {@code CI} environment variable is set) a missing tool fails the test, because {@code
 * .ci/run} must have installed it; on a developer's machine the test is skipped with a loud message
 * saying what to install.
 */
public final class OsTool {

  private OsTool() {}

  /**
   * The tool's path, searched on {@code PATH} and in {@code extraLocations}.
   *
   * @throws AssertionError under CI when the tool is missing
   * @throws TestAbortedException elsewhere when the tool is missing (the test is skipped)
   */
  public static Path require(String name, String debianPackage, String... extraLocations) {
    Optional<Path> found = find(name, extraLocations);
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        "'" + name + "' is not installed: apt-get install " + debianPackage + " (or run .ci/run)";
    if (System.getenv("CI") != null) {
      throw new AssertionError("CI is set and " + message);
    }
    System.err.println("!!! SKIPPING: " + message);
    throw new TestAbortedException(message);
  }

  /** The tool's path, if it is installed. */
  public static Optional<Path> find(String name, String... extraLocations) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (String location : extraLocations) {
      Path candidate = Path.of(location);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
