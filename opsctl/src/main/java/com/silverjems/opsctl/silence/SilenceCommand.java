package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.OpsctlException;
import com.silverjems.opsctl.RunContext;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code opsctl silence}: silence one alert everywhere the platform defines it, for a bounded time,
 * with a reason and an author.
 */
@Command(
    header = "Silence an alert everywhere it is defined, for a while.",
    name = "silence",
    description =
        "Silence an alert everywhere it is defined: CloudWatch alarms (actions disabled, end recorded as tags and enforced by every opsctl run and by 'silence enforce'), Grafana/Alertmanager silences (v2 API) and Zabbix maintenance. Alertmanager and Zabbix end silences themselves.",
    mixinStandardHelpOptions = true,
    subcommands = {
      SilenceAddCommand.class,
      SilenceListCommand.class,
      SilenceExpireCommand.class,
      SilenceEnforceCommand.class
    })
public final class SilenceCommand implements Callable<Integer> {

  private final RunContext context;

  SilenceCommand(RunContext context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--alertmanager-url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "Alertmanager base URL, or Grafana's https://grafana.example/api/alertmanager/grafana (env OPSCTL_ALERTMANAGER_URL, config 'alertmanager-url'; unset: skipped).")
  URI alertmanagerUrl;

  @Option(
      names = "--alertmanager-token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description =
          "Bearer token, e.g. a Grafana service account token (env OPSCTL_ALERTMANAGER_TOKEN).")
  String alertmanagerToken;

  @Option(
      names = "--zabbix-url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "Zabbix API URL, https://zabbix.example/api_jsonrpc.php (env OPSCTL_ZABBIX_URL, config 'zabbix-url'; unset: skipped).")
  URI zabbixUrl;

  @Option(
      names = "--zabbix-token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description = "Zabbix API token (env OPSCTL_ZABBIX_TOKEN, config 'zabbix-token').")
  String zabbixToken;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  Optional<AlertmanagerSilences> alertmanager() {
    return Optional.ofNullable(alertmanagerUrl)
        .map(
            url ->
                new AlertmanagerSilences(
                    checked(url, "--alertmanager-url"),
                    Optional.ofNullable(alertmanagerToken),
                    context.globals().apiTimeout()));
  }

  /** Whether Zabbix is to be asked at all. */
  boolean zabbixConfigured() {
    return zabbixUrl != null;
  }

  /**
   * Zabbix, when configured.
   *
   * @throws ZabbixTokenMissing when the URL is set but no token
   */
  Optional<ZabbixMaintenances> zabbix() {
    if (zabbixUrl == null) {
      return Optional.empty();
    }
    if (zabbixToken == null || zabbixToken.isBlank()) {
      throw new ZabbixTokenMissing();
    }
    return Optional.of(
        new ZabbixMaintenances(
            checked(zabbixUrl, "--zabbix-url"), zabbixToken, context.globals().apiTimeout()));
  }

  /** java.net.http takes only absolute http(s) URLs with a host. */
  private URI checked(URI url, String option) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new ParameterException(
          spec.commandLine(), option + " must be an http(s) URL with a host, not '" + url + "'");
    }
    return url;
  }

  /** Zabbix is configured without the token its API needs. */
  static final class ZabbixTokenMissing extends OpsctlException {
    ZabbixTokenMissing() {
      super(ExitCode.AUTH, "--zabbix-url is set but no --zabbix-token (or OPSCTL_ZABBIX_TOKEN)");
    }
  }
}
