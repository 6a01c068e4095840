package com.silverjems.opsctl;

/** Terminal styles for table cells and verdicts; rendered only when colour is on. */
public enum Style {
  NONE(""),
  BOLD("1"),
  DIM("2"),
  RED("1;31"),
  GREEN("32"),
  YELLOW("33"),
  CYAN("36");

  private final String code;

  Style(String code) {
    this.code = code;
  }

  /** The text wrapped in this style's escape codes. */
  String apply(String text) {
    return code.isEmpty() ? text : "\u001b[" + code + "m" + text + "\u001b[0m";
  }
}
