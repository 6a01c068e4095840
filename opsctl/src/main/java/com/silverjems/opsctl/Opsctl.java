package com.silverjems.opsctl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code opsctl}, the on-call engineer's CLI for the Silver Jems platform. */
@Command(
    name = "opsctl",
    mixinStandardHelpOptions = true,
    versionProvider = Opsctl.BuildVersion.class,
    description =
        "Operate the Silver Jems platform: deploy status, history, rollback, certificates, silences.")
public final class Opsctl implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run it with captured writers. */
  public static CommandLine commandLine() {
    return new CommandLine(new Opsctl());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The version this jar was built as, from {@code version.properties} filtered by Maven. */
  static final class BuildVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Opsctl.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"opsctl " + properties.getProperty("version", "unknown")};
    }
  }
}
