package com.silverjems.schema.startup;

/**
 * Something stops a component or the local run from starting that whoever starts it can fix: a
 * setting production must supply is missing, a port is taken, a folder is unusable. Its message is
 * one line that says what is wrong and what to do; it is printed as {@link #line()}, without a
 * stack trace, and the process exits non-zero.
 */
public class StartupProblem extends RuntimeException {

  /** What every such line starts with, so that it stands out among log lines. */
  public static final String PREFIX = "silverjems: ";

  public StartupProblem(String message) {
    super(oneLine(message), null, false, false);
  }

  /** The line to print: {@code silverjems: <message>}. */
  public String line() {
    return PREFIX + getMessage();
  }

  /** The problem {@code failure} is or was caused by, if any. */
  public static java.util.Optional<StartupProblem> in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupProblem problem) {
        return java.util.Optional.of(problem);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return java.util.Optional.empty();
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
