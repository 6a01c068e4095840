package com.silverjems.routes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The integration hub. Which route groups run in this JVM comes from {@code routes.groups}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntegrationRoutesApplication {

  public static void main(String[] args) {
    SpringApplication.run(IntegrationRoutesApplication.class, args);
  }
}
