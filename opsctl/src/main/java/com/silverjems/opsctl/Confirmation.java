package com.silverjems.opsctl;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The typed confirmation before a change to production: the engineer types the name of what is
 * about to change (as GitHub does before deleting a repository), which a tired reflexive "y" cannot
 * satisfy by accident.
 */
public final class Confirmation {

  private Confirmation() {}

  /**
   * Asks for {@code expected} to be typed, unless {@code --yes} was given.
   *
   * @throws ConfirmationRefused when the answer differs, or nobody can be asked
   */
  public static void require(
      ChangeOptions options, Environment environment, Output output, String what, String expected) {
    if (options.yes()) {
      return;
    }
    if (!environment.interactive()) {
      throw new ConfirmationRefused(
          "not confirmed, nothing changed: no terminal to ask on; pass --yes to " + what);
    }
    output.prompt("To " + what + ", type '" + expected + "': ");
    String answer;
    try {
      answer = environment.stdin().readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (answer == null || !answer.strip().equals(expected)) {
      throw new ConfirmationRefused("not confirmed (expected '" + expected + "'), nothing changed");
    }
  }

  /**
   * Asks for {@code expected} to be typed even with {@code --yes}: for the rare change that needs a
   * second, deliberate look (e.g. rolling back to a deregistered revision).
   *
   * @throws ConfirmationRefused when the answer differs, or nobody can be asked
   */
  public static void requireAgain(
      Environment environment, Output output, String what, String expected) {
    if (!environment.interactive()) {
      throw new ConfirmationRefused(
          "not confirmed, nothing changed: " + what + " needs a person to type '" + expected + "'");
    }
    require(new ChangeOptions(), environment, output, what, expected);
  }

  /** The engineer did not confirm; nothing was changed. */
  public static final class ConfirmationRefused extends OpsctlException {
    ConfirmationRefused(String message) {
      super(ExitCode.ABORTED, message);
    }
  }
}
