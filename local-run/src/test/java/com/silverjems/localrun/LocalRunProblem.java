package com.silverjems.localrun;

import com.silverjems.schema.startup.StartupProblem;

/**
 * Something in the developer's environment stops the local run from starting. Its message is one
 * line that says what to do; launchers print it ({@link #line()}) and exit without a stack trace,
 * as production start-up prints a missing setting.
 */
public final class LocalRunProblem extends StartupProblem {
  public LocalRunProblem(String message) {
    super(message);
  }
}
