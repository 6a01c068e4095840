package com.silverjems.opsctl;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, {@code
 * 500ms}.
 */
public final class Durations implements ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** Parses a duration such as {@code 1h30m}. */
  public static Duration parse(String value) {
    try {
      return sum(value);
    } catch (ArithmeticException tooLong) {
      throw new TypeConversionException("'" + value + "' is too long a duration");
    }
  }

  private static Duration sum(String value) {
    String text = value.strip().toLowerCase();
    Matcher matcher = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        break;
      }
      long amount = Long.parseLong(matcher.group(1));
      total =
          total.plus(
              switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "ms" -> Duration.ofMillis(amount);
                default -> Duration.ofSeconds(amount);
              });
      end = matcher.end();
    }
    if (text.isEmpty() || end != text.length()) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration (examples: 90s, 10m, 1h30m, 2d, 500ms)");
    }
    return total;
  }

  /** A duration the way {@link #parse} reads it, e.g. {@code 1h30m}. */
  public static String format(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    StringBuilder text = new StringBuilder();
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long rest = seconds % 60;
    if (days > 0) {
      text.append(days).append('d');
    }
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    long millis = Math.max(0, duration.toMillis()) % 1000;
    if (rest > 0 || text.length() == 0 && millis == 0) {
      text.append(rest).append('s');
    }
    if (millis > 0) {
      text.append(millis).append("ms");
    }
    return text.toString();
  }
}
