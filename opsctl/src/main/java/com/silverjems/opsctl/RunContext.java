package com.silverjems.opsctl;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Objects;

/**
 * What one run of opsctl works with: its environment (variables, config file, stdin, clock), the
 * global options as given, where output goes and the AWS clients. Created with the command line and
 * handed to every command through its constructor (see {@link ContextFactory}), so a command never
 * looks up the root command; the root {@link Opsctl} only starts and closes it.
 */
public final class RunContext implements AutoCloseable {

  private final Environment environment;
  private GlobalOptions globals;
  private PrintWriter out;
  private PrintWriter err;
  private boolean profileTyped;
  private Output output;
  private AwsClients aws;

  RunContext(Environment environment) {
    this.environment = Objects.requireNonNull(environment);
  }

  /**
   * Called once the arguments are parsed, before any command runs: the options as given, whether
   * {@code --profile} was typed (rather than defaulted) and the command line's writers.
   */
  void start(GlobalOptions globals, boolean profileTyped, PrintWriter out, PrintWriter err) {
    this.globals = globals;
    this.profileTyped = profileTyped;
    this.out = out;
    this.err = err;
  }

  /** Environment variables, config file, stdin and clock of this run. */
  public Environment environment() {
    return environment;
  }

  /** The clock of this run (the environment's). */
  public Clock clock() {
    return environment.clock();
  }

  /** The global options as given. */
  public GlobalOptions globals() {
    return started(globals);
  }

  /** Where commands write data and progress. */
  public Output output() {
    if (output == null) {
      GlobalOptions options = globals();
      boolean color = environment.terminal() && !options.noColor();
      output = new Output(out, err, options.output(), color, options.verbosity());
    }
    return output;
  }

  /** The AWS clients of this run, built on first use. */
  public AwsClients aws() {
    if (aws == null) {
      aws = new AwsClients(globals(), environment, profileTyped);
    }
    return aws;
  }

  /** Closes the AWS clients, if any were built. */
  @Override
  public void close() {
    if (aws != null) {
      aws.close();
    }
  }

  private <T> T started(T value) {
    if (value == null) {
      throw new IllegalStateException("the run has not started: arguments not parsed yet");
    }
    return value;
  }
}
