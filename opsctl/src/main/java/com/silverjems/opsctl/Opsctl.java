package com.silverjems.opsctl;

import com.silverjems.opsctl.certs.CertsCommand;
import com.silverjems.opsctl.history.HistoryCommand;
import com.silverjems.opsctl.rollback.RollbackCommand;
import com.silverjems.opsctl.silence.ExpiredSilences;
import com.silverjems.opsctl.silence.SilenceCommand;
import com.silverjems.opsctl.status.StatusCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Entry point of {@code opsctl}, the on-call engineer's CLI for the Silver Jems platform. */
@Command(
    name = "opsctl",
    mixinStandardHelpOptions = true,
    versionProvider = Opsctl.BuildVersion.class,
    subcommands = {
      StatusCommand.class,
      HistoryCommand.class,
      RollbackCommand.class,
      CertsCommand.class,
      SilenceCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    description =
        "Operate the Silver Jems platform: deploy status, history, rollback, certificates, silences.",
    footerHeading = "%nConfiguration:%n",
    footer = {
      "Options default to environment variables, then to the properties file",
      "$OPSCTL_CONFIG (else ~/.config/opsctl/config), keyed by option name:",
      "cluster, region, profile, output, alertmanager-url, alertmanager-token,",
      "zabbix-url, zabbix-token, author.",
      "",
      "Shell completion: source <(opsctl generate-completion)"
    })
public final class Opsctl implements Callable<Integer> {

  private final RunContext context;

  @Mixin GlobalOptions globals;

  @CommandLine.Spec CommandSpec spec;

  private Opsctl(RunContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line on the real process environment. */
  public static CommandLine commandLine() {
    return commandLine(Environment.system());
  }

  /**
   * The configured command line; tests run it with captured writers and their own environment.
   * Every command gets the run's {@link RunContext} through its constructor.
   */
  public static CommandLine commandLine(Environment environment) {
    RunContext context = new RunContext(environment);
    Opsctl root = new Opsctl(context);
    CommandLine cli = new CommandLine(root, new ContextFactory(context));
    cli.setDefaultValueProvider(new ConfigDefaults(environment));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(root::execute);
    cli.setExecutionExceptionHandler(root::failed);
    cli.setParameterExceptionHandler(Opsctl::usageError);
    cli.setExitCodeExceptionMapper(Failures::exitCode);
    cli.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.helpLines());
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  private int execute(ParseResult parseResult) {
    configureLogging(globals.verbosity());
    ParseResult last = parseResult;
    boolean profileTyped = parseResult.hasMatchedOption("--profile");
    while (last.hasSubcommand()) {
      last = last.subcommand();
      profileTyped |= last.hasMatchedOption("--profile");
    }
    CommandLine cli = spec.commandLine();
    context.start(globals, profileTyped, cli.getOut(), cli.getErr());
    boolean helpOrVersion =
        CommandLine.printHelpIfRequested(parseResult) || last.isVersionHelpRequested();
    if (helpOrVersion) {
      return ExitCode.OK;
    }
    CompletableFuture<Void> housekeeping =
        last.commandSpec().userObject() instanceof AwsCommand
            ? ExpiredSilences.sweepInBackground(context)
            : CompletableFuture.completedFuture(null);
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } finally {
      awaitHousekeeping(housekeeping);
      context.close();
    }
  }

  private void awaitHousekeeping(CompletableFuture<Void> housekeeping) {
    try {
      // Bounded: housekeeping must never keep the engineer waiting for long.
      housekeeping.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      context.output().detail("silence sweep did not finish: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int failed(Exception failure, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + Failures.describe(failure));
    if (globals.verbosity() > 0) {
      failure.printStackTrace(err);
    }
    err.flush();
    return Failures.exitCode(failure);
  }

  private static int usageError(ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + failure.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(failure, err);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCode.USAGE;
  }

  /**
   * The SDK logs through slf4j-simple: silent by default (errors reach the engineer as one line
   * anyway), warnings with -v, every request and response with -vv. Set before the first logger
   * exists, which is before the first AWS client is built.
   */
  private static void configureLogging(int verbosity) {
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        verbosity >= 2 ? "debug" : verbosity == 1 ? "warn" : "off");
  }

  /** The version this jar was built as and the git commit it was built from. */
  static final class BuildVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Opsctl.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      // "<sha> <commit time>" from git at build time; anything else means no git history.
      String[] commit = resource("git-commit.txt").strip().split(" ");
      String described = "unknown";
      if (commit.length == 2 && commit[0].matches("[0-9a-f]{40}")) {
        boolean dirty = !resource("git-dirty.txt").isBlank();
        described = commit[0].substring(0, 10) + (dirty ? "-dirty" : "") + ", " + commit[1];
      }
      return new String[] {
        "opsctl " + properties.getProperty("version", "unknown") + " (commit " + described + ")",
        "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name")
      };
    }

    private static String resource(String name) throws IOException {
      try (InputStream in = Opsctl.class.getResourceAsStream(name)) {
        return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
