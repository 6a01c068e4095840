package com.silverjems.shop.webui;

import com.silverjems.shop.ShopApplication;
import com.silverjems.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shop started in this JVM on a free port, on its own real PostgreSQL database with the demo
 * catalogue, serving the storefront exactly as the local run does. Unlike {@code @SpringBootTest}
 * it can be stopped mid-test: that is how the degraded-mode test takes the API away.
 */
final class RunningShop implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final TestPostgres.Database database;
  private final int port;

  private RunningShop(
      ConfigurableApplicationContext context, TestPostgres.Database database, int port) {
    this.context = context;
    this.database = database;
    this.port = port;
  }

  static RunningShop start(String purpose) {
    return start(purpose, Map.of());
  }

  /** Starts the shop; {@code properties} add to or override the test defaults. */
  static RunningShop start(String purpose, Map<String, String> properties) {
    TestPostgres.Database database = TestPostgres.shared().newDatabase(purpose, true);
    Map<String, String> settings = new LinkedHashMap<>(database.springProperties());
    settings.put("server.port", "0");
    // TestPostgres already applied the migrations and the demo catalogue.
    settings.put("spring.flyway.enabled", "false");
    settings.put("spring.main.banner-mode", "off");
    settings.put("logging.structured.format.console", "");
    settings.put("logging.level.io.zonky", "WARN");
    settings.putAll(properties);
    List<String> args = new ArrayList<>();
    // Command-line arguments outrank application.yml, so these really apply.
    settings.forEach((key, value) -> args.add("--" + key + "=" + value));
    SpringApplication shop = new SpringApplication(ShopApplication.class);
    ConfigurableApplicationContext context = shop.run(args.toArray(String[]::new));
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return new RunningShop(context, database, port);
  }

  /** Where a browser reaches the shop ({@code localhost} is a secure context for cookies). */
  String baseUrl() {
    return "http://localhost:" + port;
  }

  int port() {
    return port;
  }

  TestPostgres.Database database() {
    return database;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  boolean isRunning() {
    return context.isActive();
  }

  /** Stops the API: the port closes and every request to it fails. */
  @Override
  public void close() {
    if (context.isActive()) {
      context.close();
    }
  }
}
