package com.silverjems.routes;

import com.silverjems.schema.startup.RequiredSettingsCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The integration hub. Which route groups run in this JVM comes from {@code routes.groups}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntegrationRoutesApplication {

  /** What the image runs: production's settings are checked before anything connects. */
  public static void main(String[] args) {
    SpringApplication hub = new SpringApplication(IntegrationRoutesApplication.class);
    hub.addListeners(new RequiredSettingsCheck(ProductionSettings.REQUIRED));
    hub.run(args);
  }
}
