package com.silverjems.opsctl;

/**
 * Something went wrong that the engineer must read about: printed as one line, mapped to an exit
 * code from {@link ExitCode}. Subclasses are named after what happened.
 */
public abstract class OpsctlException extends RuntimeException {

  private final int exitCode;

  protected OpsctlException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  protected OpsctlException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code for this failure. */
  public int exitCode() {
    return exitCode;
  }
}
