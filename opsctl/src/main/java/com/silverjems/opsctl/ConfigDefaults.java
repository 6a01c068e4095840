package com.silverjems.opsctl;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for options the engineer did not type: first the environment variable (AWS's own names
 * where one exists, so a shell set up for the AWS CLI works unchanged), then the config file (a
 * properties file keyed by the long option name without dashes), then the option's built-in
 * default. The command line always wins.
 */
final class ConfigDefaults implements IDefaultValueProvider {

  /** Option name to the environment variables consulted for it, first match wins. */
  static final Map<String, List<String>> VARIABLES =
      Map.ofEntries(
          Map.entry("profile", List.of("AWS_PROFILE")),
          Map.entry("region", List.of("AWS_REGION", "AWS_DEFAULT_REGION")),
          Map.entry("cluster", List.of("OPSCTL_CLUSTER")),
          Map.entry("output", List.of("OPSCTL_OUTPUT")),
          Map.entry("endpoint-url", List.of("AWS_ENDPOINT_URL")),
          Map.entry("no-color", List.of("NO_COLOR")),
          Map.entry("alertmanager-url", List.of("OPSCTL_ALERTMANAGER_URL")),
          Map.entry("alertmanager-token", List.of("OPSCTL_ALERTMANAGER_TOKEN")),
          Map.entry("zabbix-url", List.of("OPSCTL_ZABBIX_URL")),
          Map.entry("zabbix-token", List.of("OPSCTL_ZABBIX_TOKEN")),
          Map.entry("author", List.of("OPSCTL_AUTHOR")),
          Map.entry("api-timeout", List.of("OPSCTL_API_TIMEOUT")));

  private final Environment environment;
  private Properties config;

  ConfigDefaults(Environment environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String key = option.longestName().replaceFirst("^-+", "");
    for (String variable : VARIABLES.getOrDefault(key, List.of())) {
      Optional<String> value = environment.variable(variable);
      if (value.isPresent()) {
        // NO_COLOR is set-means-true (https://no-color.org), whatever its value.
        return "no-color".equals(key) ? "true" : value.get();
      }
    }
    String configured = config().getProperty(key);
    return configured == null || configured.isBlank() ? null : configured.trim();
  }

  private Properties config() {
    if (config == null) {
      config = new Properties();
      environment
          .configFile()
          .ifPresent(
              file -> {
                try (Reader reader = Files.newBufferedReader(file)) {
                  config.load(reader);
                } catch (IOException | IllegalArgumentException e) {
                  throw new ConfigUnreadable(file, e);
                }
              });
    }
    return config;
  }

  /** The config file exists but cannot be read as a properties file. */
  static final class ConfigUnreadable extends OpsctlException {
    ConfigUnreadable(java.nio.file.Path file, Exception cause) {
      super(
          ExitCode.USAGE, "cannot read the config file " + file + ": " + cause.getMessage(), cause);
    }
  }
}
