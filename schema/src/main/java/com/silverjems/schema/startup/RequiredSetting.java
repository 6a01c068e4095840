package com.silverjems.schema.startup;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A setting a component cannot run in production without, checked before anything connects ({@link
 * RequiredSettings}).
 *
 * @param property the Spring property read ({@code silverjems.email.from-address}), or an
 *     environment variable read as such ({@code AWS_REGION})
 * @param variable the environment variable that sets it, named in the failure
 * @param purpose what the component needs it for, in a few words
 * @param mayBeEmpty whether an explicitly empty value is a choice ("none") rather than missing
 * @param appliesWhen whether it is required, given the other settings (a route group that runs)
 */
public record RequiredSetting(
    String property,
    String variable,
    String purpose,
    boolean mayBeEmpty,
    Predicate<UnaryOperator<String>> appliesWhen) {

  /** {@code property}, set by the variable its relaxed binding reads. */
  public static RequiredSetting of(String property, String purpose) {
    return new RequiredSetting(property, variableOf(property), purpose, false, settings -> true);
  }

  /**
   * {@code property}, set through an {@code application.yml} placeholder naming {@code variable}.
   */
  public static RequiredSetting of(String property, String variable, String purpose) {
    return new RequiredSetting(property, variable, purpose, false, settings -> true);
  }

  /** The same, an explicitly empty value being allowed (it means "none"). */
  public RequiredSetting orEmpty() {
    return new RequiredSetting(property, variable, purpose, true, appliesWhen);
  }

  /** The same, required only when {@code condition} holds for the other settings. */
  public RequiredSetting when(Predicate<UnaryOperator<String>> condition) {
    return new RequiredSetting(property, variable, purpose, mayBeEmpty, appliesWhen.and(condition));
  }

  /**
   * The environment-variable form of a property name, as Spring Boot's relaxed binding reads it.
   */
  public static String variableOf(String property) {
    return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** A condition: {@code property} is unset or not {@code false}. */
  public static Predicate<UnaryOperator<String>> enabled(String property) {
    return settings -> !"false".equalsIgnoreCase(String.valueOf(settings.apply(property)).strip());
  }

  /** A condition: {@code property} equals {@code value} (its default when unset). */
  public static Predicate<UnaryOperator<String>> is(
      String property, String value, String byDefault) {
    return settings -> {
      String actual = settings.apply(property);
      return value.equalsIgnoreCase(actual == null ? byDefault : actual.strip());
    };
  }

  /** A condition: {@code property} is set and not empty. */
  public static Predicate<UnaryOperator<String>> present(String property) {
    return settings -> {
      String actual = settings.apply(property);
      return actual != null && !actual.isBlank();
    };
  }

  /**
   * A condition: the comma-separated list {@code property} contains {@code element}, compared as
   * relaxed binding compares enum constants ({@code delivery-events} = {@code DELIVERY_EVENTS}).
   */
  public static Predicate<UnaryOperator<String>> listContains(String property, String element) {
    return settings -> {
      String list = settings.apply(property);
      if (list == null) {
        return false;
      }
      for (String item : list.split(",")) {
        if (relaxed(item).equals(relaxed(element))) {
          return true;
        }
      }
      return false;
    };
  }

  private static String relaxed(String name) {
    return name.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
