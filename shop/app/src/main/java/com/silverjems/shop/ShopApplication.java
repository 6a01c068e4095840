package com.silverjems.shop;

import com.silverjems.schema.startup.RequiredSettingsCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The shop: REST API for the storefront and the admin UI. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ShopApplication {

  /** What the image runs: production's settings are checked before anything connects. */
  public static void main(String[] args) {
    SpringApplication shop = new SpringApplication(ShopApplication.class);
    shop.addListeners(new RequiredSettingsCheck(ProductionSettings.REQUIRED));
    shop.run(args);
  }
}
