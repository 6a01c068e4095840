package com.silverjems.schema.startup;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.env.EnvironmentPostProcessorApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks a component's {@link RequiredSettings} once its environment is complete ({@code
 * application.yml}, the environment, arguments) and before anything else happens: before logging
 * starts, before the banner, before any bean exists, so before any connection to a database, Redis
 * or AWS. A missing setting stops start-up with a {@link StartupProblem}, which {@link
 * StartupProblemReporter} prints as its one line.
 *
 * <p>Each application's {@code main} adds it: that is what its image runs. The local run and tests
 * build their applications themselves and supply values later ({@code @DynamicPropertySource}), so
 * they keep the binding-time checks of the settings classes.
 */
public final class RequiredSettingsCheck
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

  private final RequiredSettings required;

  public RequiredSettingsCheck(RequiredSettings required) {
    this.required = required;
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    required.check(property -> value(event.getEnvironment(), property));
  }

  /** The value of a property, null when unset or when a placeholder in it cannot be resolved. */
  static String value(ConfigurableEnvironment environment, String property) {
    try {
      return environment.getProperty(property);
    } catch (IllegalArgumentException unresolvablePlaceholder) {
      return null;
    }
  }

  /** Right after application.yml is loaded; before logging (order + 20) starts. */
  @Override
  public int getOrder() {
    return EnvironmentPostProcessorApplicationListener.DEFAULT_ORDER + 1;
  }
}
