package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the release scripts with bash, with stand-ins for {@code aws}, {@code docker} and {@code
 * skopeo} first on the PATH. Each stand-in is a small bash script given by the test; every call is
 * appended to {@code calls.log} in the stand-ins' directory.
 */
final class ScriptRunner {

  final Path bin;
  final Map<String, String> env = new HashMap<>();

  ScriptRunner(Path bin) {
    this.bin = bin;
    env.put("CALLS", bin.resolve("calls.log").toString());
    env.put("GITHUB_OUTPUT", bin.resolve("github-output").toString());
  }

  /** A stand-in command: logs "name args..." to calls.log, then runs {@code body}. */
  ScriptRunner stub(String name, String body) {
    Path file = bin.resolve(name);
    try {
      Files.writeString(
          file, "#!/usr/bin/env bash\necho \"" + name + " $*\" >> \"$CALLS\"\n" + body + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(file.toFile().setExecutable(true)).isTrue();
    return this;
  }

  /**
   * Stand-ins for the {@code aws s3api list-objects-v2}, {@code aws s3 cp} and {@code aws
   * cloudfront create-invalidation} calls of publish-storefront.sh: each bucket is a folder under
   * {@code buckets} (ETag = MD5, as S3 reports for single-part SSE-S3 objects); uploads (key,
   * Content-Type, Cache-Control) go to {@code uploads.log} and invalidated paths to {@code
   * invalidations.log}.
   */
  ScriptRunner s3AndCloudFrontStandIns(Path buckets) {
    env.put("BUCKETS", buckets.toString());
    env.put("UPLOADS", bin.resolve("uploads.log").toString());
    env.put("INVALIDATIONS", bin.resolve("invalidations.log").toString());
    return stub(
        "aws",
        """
            case "$1 $2" in
              "s3api list-objects-v2")
                bucket="$4"; prefix="$6"; root="$BUCKETS/$bucket"; found=0
                if [ -d "$root" ]; then
                  while IFS= read -r key; do
                    case "$key" in "$prefix"*) ;; *) continue ;; esac
                    printf '%s\\t"%s"\\n' "$key" "$(md5sum "$root/$key" | cut -d' ' -f1)"; found=1
                  done < <(cd "$root" && find . -type f | sed 's|^\\./||' | sort)
                fi
                [ "$found" = 1 ] || echo None ;;
              "s3 cp")
                target="${4#s3://}"; bucket="${target%%/*}"; key="${target#*/}"
                mkdir -p "$(dirname "$BUCKETS/$bucket/$key")"; cp "$3" "$BUCKETS/$bucket/$key"
                shift 4
                while [ $# -gt 0 ]; do
                  case "$1" in --content-type) type="$2"; shift ;; --cache-control) cache="$2"; shift ;; esac
                  shift
                done
                printf '%s\\t%s\\t%s\\n' "$key" "$type" "$cache" >> "$UPLOADS" ;;
              "cloudfront create-invalidation")
                shift 5; paths=()
                while [ $# -gt 0 ] && [ "$1" != "--query" ]; do paths+=("$1"); shift; done
                printf '%s\\n' "${paths[@]}" >> "$INVALIDATIONS"; echo I2J0ZQ ;;
              *) echo "unexpected aws $*" >&2; exit 9 ;;
            esac
        """);
  }

  Result run(Path workdir, String script, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add("bash");
    command.add(Repository.ROOT.resolve(".github/scripts/" + script).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile());
    builder.environment().putAll(env);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    try {
      Process process = builder.start();
      CompletableFuture<String> stderr =
          CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String stdout = read(process.getInputStream());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(script + " finished").isTrue();
      return new Result(process.exitValue(), stdout, stderr.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String calls() {
    return readIfExists(bin.resolve("calls.log"));
  }

  String githubOutput() {
    return readIfExists(bin.resolve("github-output"));
  }

  void reset() {
    try {
      Files.deleteIfExists(bin.resolve("calls.log"));
      Files.deleteIfExists(bin.resolve("github-output"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readIfExists(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Result(int exit, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }
}
