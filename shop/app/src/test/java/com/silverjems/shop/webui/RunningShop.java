package com.silverjems.shop.webui;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.silverjems.shop.ShopApplication;
import com.silverjems.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shop started in this JVM on a free port, on its own real PostgreSQL database with the demo
 * catalogue, serving the storefront exactly as the local run does. Unlike {@code @SpringBootTest}
 * it can be stopped mid-test: that is how the degraded-mode test takes the API away.
 */
final class RunningShop implements AutoCloseable {

  /** The key the shop signs its calls to the (WireMock) email hub with. */
  static final String EMAIL_HUB_KEY = "running-shop-email-hub-signing-key-0123456789";

  private final ConfigurableApplicationContext context;
  private final TestPostgres.Database database;
  private final UploadBucket uploads;
  private final WireMockServer emailHub;
  private final int port;

  private RunningShop(
      ConfigurableApplicationContext context,
      TestPostgres.Database database,
      UploadBucket uploads,
      WireMockServer emailHub,
      int port) {
    this.context = context;
    this.database = database;
    this.uploads = uploads;
    this.emailHub = emailHub;
    this.port = port;
  }

  static RunningShop start(String purpose) {
    return start(purpose, Map.of());
  }

  /** Starts the shop; {@code properties} add to or override the test defaults. */
  static RunningShop start(String purpose, Map<String, String> properties) {
    TestPostgres.Database database = TestPostgres.shared().newDatabase(purpose, true);
    UploadBucket uploads = UploadBucket.start();
    // The email hub's admin API, which cannot run in this module: WireMock shaped like it.
    WireMockServer emailHub = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    emailHub.start();
    Map<String, String> settings = new LinkedHashMap<>(database.springProperties());
    // Admin photo uploads go to the in-process bucket.
    settings.put("silverjems.images.upload-bucket", UploadBucket.NAME);
    uploads.becomeTheSdksS3();
    settings.put("silverjems.email-hub.url", emailHub.baseUrl());
    settings.put("silverjems.email-hub.signing-key", RunningShop.EMAIL_HUB_KEY);
    // A port known before start-up, so that rendition URLs (the CDN's in production) can name
    // this origin: the storefront's CSP lets images come from its own origin or over https.
    int port = freePort();
    settings.put("server.port", String.valueOf(port));
    settings.put("silverjems.catalog.images-base-url", "http://localhost:" + port + "/");
    // TestPostgres already applied the migrations and the demo catalogue.
    settings.put("spring.flyway.enabled", "false");
    settings.put("spring.main.banner-mode", "off");
    settings.put("logging.structured.format.console", "");
    settings.put("logging.level.io.zonky", "WARN");
    // The local payment provider: "paying" sends the shop a webhook signed like Stripe's.
    settings.put("silverjems.payments.provider", "local");
    settings.putAll(properties);
    List<String> args = new ArrayList<>();
    // Command-line arguments outrank application.yml, so these really apply.
    settings.forEach((key, value) -> args.add("--" + key + "=" + value));
    SpringApplication shop = new SpringApplication(ShopApplication.class);
    ConfigurableApplicationContext context = shop.run(args.toArray(String[]::new));
    // The Hammered Band Ring has two photos, as the pipeline would have published them.
    PipelineOutput pipeline = new PipelineOutput(database);
    pipeline.published("hammered-band-ring", "incoming/front.jpg", "hammered-band-ring");
    pipeline.published("hammered-band-ring", "incoming/side.jpg", "hammered-band-ring");
    return new RunningShop(context, database, uploads, emailHub, port);
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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

  UploadBucket uploads() {
    return uploads;
  }

  WireMockServer emailHub() {
    return emailHub;
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
      uploads.close();
      emailHub.stop();
    }
  }
}
