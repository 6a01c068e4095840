package com.silverjems.localrun;

/**
 * Something in the developer's environment stops the local run from starting. Its message is one
 * line that says what to do; launchers print it and exit without a stack trace.
 */
public final class LocalRunProblem extends RuntimeException {
  public LocalRunProblem(String message) {
    super(message, null, false, false);
  }
}
