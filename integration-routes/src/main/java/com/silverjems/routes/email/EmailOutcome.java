package com.silverjems.routes.email;

import java.util.Locale;

/** The {@code outcome} label of {@code silverjems_email_total}, as CONTRIBUTING.md lists it. */
public enum EmailOutcome {
  SENT,
  SUPPRESSED,
  RETRIED,
  DEAD_LETTERED,
  THROTTLED;

  /** The label value: {@code sent}, {@code dead_lettered}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
