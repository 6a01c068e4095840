package com.silverjems.opsctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI as an engineer runs it: {@code bin/opsctl} on the shaded jar, which records a
 * class-data-sharing archive on first use and starts from it afterwards.
 */
class LauncherIT {

  @Test
  void theLauncherRunsTheShadedJarAndKeepsAClassDataSharingArchive(@TempDir Path cache)
      throws Exception {
    Path launcher = Path.of("bin/opsctl").toAbsolutePath();
    assertThat(Path.of("target/opsctl.jar")).isRegularFile();

    Run first = run(cache, launcher.toString(), "--version");

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).startsWith("opsctl 0.").contains("(commit ");
    List<Path> archives;
    try (Stream<Path> files = Files.list(cache.resolve("opsctl"))) {
      archives = files.filter(p -> p.toString().endsWith(".jsa")).toList();
    }
    assertThat(archives).hasSize(1);
    assertThat(Files.size(archives.get(0))).isGreaterThan(1_000_000);

    Run second = run(cache, launcher.toString(), "status", "--frobnicate");

    assertThat(second.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(second.output()).contains("Unknown option: '--frobnicate'").doesNotContain("cds");
  }

  record Run(int exitCode, String output) {}

  private static Run run(Path cache, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
