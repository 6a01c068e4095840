package com.silverjems.routes;

import com.silverjems.routes.delivery.SigningCertificateSource;
import com.silverjems.routes.emulators.AwsTestCredentials;
import com.silverjems.routes.emulators.LocalEmulators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The integration hub of the local run: every route group against the given database, with S3Proxy,
 * ElasticMQ and the SES stand-in in this JVM. Mails land in {@code <data>/mail} and are listed on
 * the page printed at start-up. Production never sees this class (test sources).
 *
 * <p>Standalone, against a running local shop's database: {@code ./mvnw -pl integration-routes -am
 * spring-boot:test-run -Dspring-boot.run.skip=false
 * -Dspring-boot.run.arguments=--spring.datasource.url=jdbc:postgresql://localhost:PORT/postgres}.
 * From another launcher (local-run's LocalRun), call {@link #start(String, Path, int, int, int,
 * String...)}.
 */
public final class TestIntegrationRoutesApplication {

  private TestIntegrationRoutesApplication() {}

  public static void main(String[] args) {
    Map<String, String> options = options(args);
    String jdbcUrl =
        options.getOrDefault(
            "spring.datasource.url", System.getenv().getOrDefault("SPRING_DATASOURCE_URL", ""));
    if (jdbcUrl.isBlank()) {
      System.err.println(
          com.silverjems.schema.startup.StartupProblem.PREFIX
              + "give the shop's database: --spring.datasource.url=jdbc:postgresql://localhost:PORT/postgres"
              + " (the local shop prints it) or SPRING_DATASOURCE_URL");
      System.exit(2);
    }
    Path data = Path.of(System.getenv().getOrDefault("SILVERJEMS_DATA_DIR", ".local-data"));
    int port = Integer.parseInt(options.getOrDefault("server.port", "8082"));
    int mailPort = Integer.parseInt(System.getenv().getOrDefault("SILVERJEMS_MAIL_PORT", "8025"));
    int s3Port = Integer.parseInt(System.getenv().getOrDefault("SILVERJEMS_S3_PORT", "9000"));
    start(jdbcUrl, data, port, mailPort, s3Port, args);
  }

  /**
   * Starts the emulators and the hub (all route groups); closing the result stops both.
   *
   * @param jdbcUrl the shop's database, migrated (user and password {@code postgres})
   * @param dataDirectory the local run's data folder
   * @param port the hub's HTTP port (admin API, health, metrics)
   * @param mailPort the mail page's port
   * @param s3Port the S3-compatible server's port (image uploads and renditions)
   */
  public static LocalHub start(
      String jdbcUrl, Path dataDirectory, int port, int mailPort, int s3Port, String... args) {
    AwsTestCredentials.install();
    LocalEmulators emulators = LocalEmulators.start(dataDirectory, mailPort, s3Port);
    Map<String, Object> defaults = new HashMap<>(emulators.springProperties());
    defaults.put("spring.datasource.url", jdbcUrl);
    defaults.put("spring.datasource.username", "postgres");
    defaults.put("spring.datasource.password", "postgres");
    defaults.put("server.port", Integer.toString(port));
    defaults.put("routes.groups", "email,delivery-events,images");
    defaults.put("logging.structured.format.console", "");
    List<String> arguments = new ArrayList<>(List.of(args));
    // Command-line form so that these outrank application.yml; the caller's own args come first.
    defaults.forEach(
        (key, value) -> {
          if (arguments.stream().noneMatch(a -> a.startsWith("--" + key + "="))) {
            arguments.add("--" + key + "=" + value);
          }
        });
    SpringApplication application = new SpringApplication(IntegrationRoutesApplication.class);
    application.addInitializers(
        context ->
            context
                .getBeanFactory()
                .registerSingleton(
                    "localSnsCertificates", (SigningCertificateSource) emulators.certificates()));
    ConfigurableApplicationContext hub = application.run(arguments.toArray(String[]::new));
    System.out.println(
        "\n  Silver Jems integration hub on http://localhost:"
            + port
            + "/  -- mail sent by the platform: "
            + emulators.mailPage()
            + "/ (files in "
            + emulators.mailFolder().toAbsolutePath()
            + "); images at "
            + emulators.publicImagesUrl()
            + "\n");
    return new LocalHub(hub, emulators);
  }

  /** The running hub and its emulators. */
  public record LocalHub(ConfigurableApplicationContext context, LocalEmulators emulators)
      implements AutoCloseable {
    @Override
    public void close() {
      context.close();
      emulators.close();
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    return options;
  }
}
