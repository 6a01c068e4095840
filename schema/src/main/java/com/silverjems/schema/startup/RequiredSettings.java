package com.silverjems.schema.startup;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The settings a component's production start-up needs, checked in the order given. A missing one
 * is a {@link StartupProblem} naming its environment variable and what it is for:
 *
 * <pre>silverjems: SILVERJEMS_EMAIL_FROMADDRESS is not set: the from-address of every email ...
 * </pre>
 */
public record RequiredSettings(String component, List<RequiredSetting> settings) {

  public RequiredSettings {
    settings = List.copyOf(settings);
  }

  /**
   * The first required setting missing, as the problem to report.
   *
   * @param lookup a setting's value, null when it is unset (or cannot be resolved)
   */
  public Optional<StartupProblem> firstMissing(UnaryOperator<String> lookup) {
    for (RequiredSetting setting : settings) {
      if (!setting.appliesWhen().test(lookup)) {
        continue;
      }
      String value = lookup.apply(setting.property());
      if (value == null || (!setting.mayBeEmpty() && value.isBlank())) {
        return Optional.of(
            new StartupProblem(
                setting.variable()
                    + " is not set: "
                    + setting.purpose()
                    + " ("
                    + (setting.property().equals(setting.variable())
                        ? ""
                        : setting.property() + "; ")
                    + component
                    + " cannot start without it"
                    + (setting.mayBeEmpty() ? ", set it empty for none" : "")
                    + ")"));
      }
    }
    return Optional.empty();
  }

  /** Fails with the first missing setting. */
  public void check(UnaryOperator<String> lookup) {
    Optional<StartupProblem> missing = firstMissing(lookup);
    if (missing.isPresent()) {
      throw missing.get();
    }
  }

  /** Every variable named here, whatever the other settings: what production must set. */
  public List<String> variables() {
    return settings.stream().map(RequiredSetting::variable).distinct().toList();
  }
}
