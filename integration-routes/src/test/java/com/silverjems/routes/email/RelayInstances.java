package com.silverjems.routes.email;

import com.silverjems.routes.IntegrationRoutesApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts whole hub instances in this JVM, as separate ECS tasks would run them. */
final class RelayInstances {
  private RelayInstances() {}

  /** Properties go in as command-line arguments: they must outrank application.yml. */
  static ConfigurableApplicationContext start(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("routes.groups", "email");
    return new SpringApplicationBuilder(IntegrationRoutesApplication.class)
        .web(WebApplicationType.NONE)
        .run(arguments(all));
  }

  /** Starts instance {@code instanceId} (as recorded on its claims) with {@code common}. */
  static ConfigurableApplicationContext start(Map<String, String> common, String instanceId) {
    Map<String, String> properties = new HashMap<>(common);
    properties.put("silverjems.email.relay.instance-id", instanceId);
    return start(properties);
  }

  static String[] arguments(Map<String, String> properties) {
    return properties.entrySet().stream()
        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
        .toArray(String[]::new);
  }
}
