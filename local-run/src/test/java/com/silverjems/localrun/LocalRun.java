package com.silverjems.localrun;

import com.silverjems.routes.IntegrationRoutesApplication;
import com.silverjems.routes.TestIntegrationRoutesApplication;
import com.silverjems.routes.emulators.AwsTestCredentials;
import com.silverjems.routes.images.LocalS3;
import com.silverjems.shop.ShopApplication;
import com.silverjems.shop.images.DemoPhotoUploads;
import com.silverjems.testsupport.ShopMigrations;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local run: the whole platform on one laptop with nothing installed but a JDK. Starts real
 * PostgreSQL from embedded binaries (data kept in {@code .local-data/} across restarts), loads the
 * demo catalogue and starts the shop on http://localhost:8080.
 *
 * <p>Run it with {@code ./mvnw -q -pl local-run -am spring-boot:test-run}. Production never sees
 * this class: the {@code local-run} module is for developers only, no image copies it, and the
 * shop's and the hub's jars do not depend on it (nor on the emulators it starts).
 */
public final class LocalRun {

  /**
   * Signs the shop's calls to the local hub's admin API; new each run, as nothing outside this JVM
   * needs it (production: a Secrets Manager secret both services read).
   */
  static final String LOCAL_ADMIN_API_KEY =
      java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

  /**
   * The hub shares this JVM's classpath with the shop but has no Spring Security, Spring Session or
   * OAuth2 client of its own: keep their auto-configurations out of its context.
   */
  private static final List<String> SHOP_ONLY_AUTO_CONFIGURATION =
      List.of(
          "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
          "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientAutoConfiguration",
          "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration",
          "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration");

  private LocalRun() {}

  /**
   * The hub's own application.yml, from its own classes (a jar or the reactor's {@code
   * target/classes}): the shop's comes first on this shared classpath.
   */
  private static String hubApplicationYml() {
    String base =
        IntegrationRoutesApplication.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toString();
    return base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + "application.yml";
  }

  public static void main(String[] args) {
    LocalRunSettings settings = LocalRunSettings.from(args);
    // Embedded PostgreSQL narrates every initdb step; the developer needs only its warnings.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.zonky"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    try {
      settings.checkPortIsFree();
      LocalPostgres postgres = LocalPostgres.start(settings.dataDirectory().resolve("postgres"));
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "local-postgres-stop"));
      ShopMigrations.apply(postgres.dataSource(), true);
      LocalIdentity identity = LocalIdentity.start(settings.dataDirectory(), postgres.dataSource());
      Runtime.getRuntime().addShutdownHook(new Thread(identity::close, "local-identity-stop"));

      // System properties outrank application.yml; the developer's own --args still outrank them.
      settings.springDefaults(postgres.jdbcUrl()).forEach(System::setProperty);
      // The shop's S3 client is production's: the SDK's standard settings point it at S3Proxy.
      AwsTestCredentials.install();
      settings.awsSdkSettings().forEach(System::setProperty);
      identity.springDefaults(settings.port()).forEach(System::setProperty);
      SpringApplication application = new SpringApplication(ShopApplication.class);
      // The benchmark's yardstick (bench/catalog.sh): a bare endpoint in the same application.
      application.addInitializers(
          context -> {
            var beans = (org.springframework.context.support.GenericApplicationContext) context;
            beans.registerBean(com.silverjems.bench.BareEndpoint.class);
            // What CloudFront does in production: the public bucket's renditions on the site.
            beans.registerBean(
                LocalImages.class, () -> new LocalImages(settings.publicImagesFolder()));
          });
      application.addListeners(
          (ApplicationListener<ApplicationReadyEvent>)
              ready ->
                  System.out.println(
                      "\n  Silver Jems is running at http://localhost:"
                          + settings.port()
                          + "/  (Ctrl-C to stop; data in "
                          + settings.dataDirectory().toAbsolutePath()
                          + ")\n\n"
                          + identity.howToSignIn(settings.port())
                          + "\n"));
      ConfigurableApplicationContext shop = application.run(args);
      if (List.of(args).contains("--silverjems.local.hub=false")) {
        // The catalogue benchmark measures the shop alone (and must not need the hub's ports).
        return;
      }
      // The integration hub, all route groups, against the same database: emails of orders
      // placed in the storefront land on the mail page it prints; image uploads go to its S3.
      startHub(
          postgres.jdbcUrl(),
          settings.dataDirectory(),
          settings.port() + 2,
          settings.mailPort(),
          settings.s3Port());
      uploadDemoPhotos(shop);
    } catch (LocalRunProblem problem) {
      System.err.println(problem.line());
      System.exit(2);
    }
  }

  /** The hub, every route group, in this JVM next to the shop. */
  static TestIntegrationRoutesApplication.LocalHub startHub(
      String jdbcUrl, Path data, int port, int mailPort, int s3Port, String... args) {
    List<String> arguments = new java.util.ArrayList<>(List.of(args));
    arguments.add(
        "--spring.autoconfigure.exclude=" + String.join(",", SHOP_ONLY_AUTO_CONFIGURATION));
    // Both applications have a classpath:application.yml and the shop's comes first.
    arguments.add("--spring.config.location=" + hubApplicationYml());
    // The launcher migrated the database, demo data included, which the hub's Flyway cannot see.
    arguments.add("--spring.flyway.enabled=false");
    // The shop signs its calls to the hub's admin API with the same key (springDefaults).
    arguments.add("--silverjems.admin-api.signing-key=" + LOCAL_ADMIN_API_KEY);
    return TestIntegrationRoutesApplication.start(
        jdbcUrl, data, port, mailPort, s3Port, arguments.toArray(String[]::new));
  }

  /**
   * First start: the demo catalogue's photos go through the admin upload path and the hub's images
   * route, in the background so that the shop is usable at once.
   */
  private static void uploadDemoPhotos(ConfigurableApplicationContext shop) {
    Thread uploader =
        new Thread(
            () -> {
              try {
                int uploaded = DemoPhotoUploads.uploadMissing(shop);
                if (uploaded > 0) {
                  System.out.println(
                      "\n  Uploaded "
                          + uploaded
                          + " demo product photos; the images route publishes them within a"
                          + " minute.\n");
                }
              } catch (RuntimeException e) {
                LoggerFactory.getLogger(LocalRun.class)
                    .warn("Demo photos were not uploaded: {}", e.toString());
              }
            },
            "demo-photos");
    uploader.setDaemon(true);
    uploader.start();
  }

  /**
   * Where the local run keeps its data and which ports it serves, from {@code --key=value} args and
   * the environment.
   */
  record LocalRunSettings(Path dataDirectory, int port, int mailPort, int s3Port) {

    static LocalRunSettings from(String[] args) {
      return from(args, System.getenv());
    }

    /**
     * {@code --key=value} arguments win over the environment (SERVER_PORT, SILVERJEMS_DATA_DIR).
     */
    static LocalRunSettings from(String[] args, Map<String, String> environment) {
      Map<String, String> options = new HashMap<>();
      if (environment.containsKey("SERVER_PORT")) {
        options.put("server.port", environment.get("SERVER_PORT"));
      }
      if (environment.containsKey("SILVERJEMS_DATA_DIR")) {
        options.put("silverjems.local.data-dir", environment.get("SILVERJEMS_DATA_DIR"));
      }
      for (String arg : args) {
        if (arg.startsWith("--") && arg.contains("=")) {
          options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
      }
      return new LocalRunSettings(
          Path.of(options.getOrDefault("silverjems.local.data-dir", ".local-data")),
          Integer.parseInt(options.getOrDefault("server.port", "8080")),
          Integer.parseInt(environment.getOrDefault("SILVERJEMS_MAIL_PORT", "8025")),
          Integer.parseInt(environment.getOrDefault("SILVERJEMS_S3_PORT", "9000")));
    }

    /** The public bucket's renditions, as S3Proxy's filesystem store keeps them. */
    Path publicImagesFolder() {
      return dataDirectory.resolve("s3").resolve(LocalS3.PUBLIC_BUCKET);
    }

    /**
     * The AWS SDK's standard settings (system-property form of {@code AWS_ENDPOINT_URL_S3}, {@code
     * AWS_REQUEST_CHECKSUM_CALCULATION}, ...) for S3Proxy: it refuses the default trailing
     * checksums. An IP address as endpoint makes the SDK address buckets by path.
     */
    Map<String, String> awsSdkSettings() {
      Map<String, String> sdk = new HashMap<>();
      sdk.put("aws.endpointUrlS3", "http://127.0.0.1:" + s3Port);
      sdk.put("aws.requestChecksumCalculation", "when_required");
      sdk.put("aws.responseChecksumValidation", "when_required");
      return sdk;
    }

    void checkPortIsFree() {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(port));
      } catch (IOException e) {
        throw new LocalRunProblem(
            "Port "
                + port
                + " is already in use: stop whatever is listening there (`ss -ltnp 'sport = :"
                + port
                + "'` shows it) or choose another port: SERVER_PORT=8081 ./mvnw -q -pl local-run -am"
                + " spring-boot:test-run");
      }
    }

    Map<String, String> springDefaults(String jdbcUrl) {
      Map<String, String> defaults = new HashMap<>();
      defaults.put("spring.datasource.url", jdbcUrl);
      defaults.put("spring.datasource.username", "postgres");
      defaults.put("spring.datasource.password", "postgres");
      // Migrations already ran above, demo data included; Spring's Flyway would only repeat them.
      defaults.put("spring.flyway.enabled", "false");
      // A developer reads the console: plain lines, not JSON.
      defaults.put("logging.structured.format.console", "");
      defaults.put("management.tracing.sampling.probability", "1.0");
      defaults.put("logging.level.io.zonky", "WARN");
      // Payments go to the local provider: "pay" with POST /api/payments/local/intents/{id}/pay.
      defaults.put("silverjems.payments.provider", "local");
      // No Redis to run here; --silverjems.catalog.cache.enabled=true --spring.data.redis.port=N
      // puts one in front of the catalogue (bench/catalog.sh does).
      defaults.put("silverjems.catalog.cache.enabled", "false");
      // Renditions are served on the site itself, as CloudFront does (IMAGES_BASE_URL to change
      // it):
      // the pages' CSP allows images from their own origin.
      defaults.put(
          "silverjems.catalog.images-base-url",
          System.getenv().getOrDefault("IMAGES_BASE_URL", "http://localhost:" + port + "/"));
      // Admin uploads go to the hub's S3 (S3Proxy), whose images route publishes them.
      defaults.put("silverjems.images.upload-bucket", LocalS3.UPLOAD_BUCKET);
      // The hub started below: its admin API (dead letters, suppressions).
      defaults.put("silverjems.email-hub.url", "http://localhost:" + (port + 2));
      defaults.put("silverjems.email-hub.signing-key", LOCAL_ADMIN_API_KEY);
      return defaults;
    }
  }
}
