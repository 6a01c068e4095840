package com.silverjems.opsctl;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the subcommand name ({@code opsctl --region x
 * status} and {@code opsctl status --region x} are the same). Defaults come from environment
 * variables and the config file (see {@link ConfigDefaults}).
 */
public final class GlobalOptions {

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "AWS profile (env AWS_PROFILE, config 'profile').")
  String profile;

  @Option(
      names = "--region",
      scope = ScopeType.INHERIT,
      paramLabel = "REGION",
      description =
          "AWS region (env AWS_REGION/AWS_DEFAULT_REGION, config 'region', else the profile's).")
  String region;

  @Option(
      names = "--cluster",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      defaultValue = "silverjems-prod",
      description =
          "ECS cluster of the platform (env OPSCTL_CLUSTER, config 'cluster'; default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table or json (env OPSCTL_OUTPUT, config 'output'; default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(
      names = "-v",
      scope = ScopeType.INHERIT,
      description = "Verbose: stack traces on errors; -vv also logs every AWS request.")
  boolean[] verbosity = new boolean[0];

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colours (also when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  @Option(
      names = "--endpoint-url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "Send every AWS call to this URL (an emulator); per service: AWS_ENDPOINT_URL_ECS, _ACM, _CLOUDWATCH.")
  URI endpointUrl;

  @Option(
      names = "--api-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = Durations.class,
      description =
          "How long one call to AWS, Alertmanager or Zabbix may take before it counts as unanswered (env OPSCTL_API_TIMEOUT, config 'api-timeout'; default: ${DEFAULT-VALUE}). Retries: AWS_MAX_ATTEMPTS.")
  Duration apiTimeout;

  /** The AWS profile, when one was chosen. */
  public Optional<String> profile() {
    return Optional.ofNullable(profile);
  }

  /** The AWS region, when one was given (else the profile's region applies). */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** The ECS cluster of the platform. */
  public String cluster() {
    return cluster;
  }

  /** Table or JSON. */
  public OutputFormat output() {
    return output;
  }

  /** How many -v were given. */
  public int verbosity() {
    return verbosity.length;
  }

  /** Whether colours were switched off. */
  public boolean noColor() {
    return noColor;
  }

  /** How long one API call may take; at least a millisecond, whatever was typed. */
  public Duration apiTimeout() {
    return apiTimeout == null || apiTimeout.toMillis() < 1 ? Duration.ofMillis(1) : apiTimeout;
  }

  /** The endpoint override for every AWS service, when given. */
  public Optional<URI> endpointUrl() {
    return Optional.ofNullable(endpointUrl);
  }
}
