package com.silverjems.opsctl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps for tables: UTC (on-call spans time zones) with how long ago, e.g. "3m ago". */
public final class Times {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** The instant in UTC, or "-" when unknown. */
  public static String utc(Instant instant) {
    return instant == null ? "-" : UTC.format(instant);
  }

  /** The instant in UTC followed by how long ago it was. */
  public static String utcAgo(Instant instant, Clock clock) {
    return instant == null ? "-" : utc(instant) + " (" + ago(instant, clock) + ")";
  }

  /** How long ago the instant was, e.g. "3m ago", or "in 2h" for the future. */
  public static String ago(Instant instant, Clock clock) {
    Duration since = Duration.between(instant, clock.instant());
    return since.isNegative() ? "in " + roughly(since.negated()) : roughly(since) + " ago";
  }

  private static String roughly(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3_600) {
      return seconds / 60 + "m";
    }
    if (seconds < 172_800) {
      return seconds / 3_600 + "h";
    }
    return seconds / 86_400 + "d";
  }
}
