package com.silverjems.opsctl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What opsctl reads from the world besides its arguments: environment variables, the config file,
 * standard input for confirmations, whether a person sits at a terminal, and the clock. Tests build
 * one by hand; {@link #system()} is the real one.
 *
 * @param variables environment variables (AWS_PROFILE, OPSCTL_CLUSTER, NO_COLOR, ...)
 * @param configFile the properties file with defaults, if any
 * @param stdin where confirmations are read from
 * @param interactive whether a person can answer a prompt on {@code stdin}
 * @param terminal whether output goes to a terminal that renders colour
 * @param clock the time, for silences and days-left computations
 */
public record Environment(
    Map<String, String> variables,
    Optional<Path> configFile,
    BufferedReader stdin,
    boolean interactive,
    boolean terminal,
    Clock clock) {

  /** The process's real environment. */
  public static Environment system() {
    Map<String, String> variables = System.getenv();
    boolean console = System.console() != null;
    boolean dumb = "dumb".equals(variables.get("TERM"));
    Reader in = new InputStreamReader(System.in, Charset.defaultCharset());
    return new Environment(
        variables,
        defaultConfigFile(variables),
        new BufferedReader(in),
        console,
        console && !dumb,
        Clock.systemUTC());
  }

  /**
   * {@code $OPSCTL_CONFIG}, else {@code $XDG_CONFIG_HOME/opsctl/config}, else {@code
   * ~/.config/opsctl/config}, when that file exists.
   */
  static Optional<Path> defaultConfigFile(Map<String, String> variables) {
    String explicit = variables.get("OPSCTL_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit));
    }
    String xdg = variables.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    Path file = base.resolve("opsctl").resolve("config");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The variable's value, when set and not blank. */
  public Optional<String> variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
