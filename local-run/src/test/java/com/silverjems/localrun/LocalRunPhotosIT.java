package com.silverjems.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.localrun.LocalRun.LocalRunSettings;
import com.silverjems.routes.TestIntegrationRoutesApplication.LocalHub;
import com.silverjems.routes.emulators.AwsTestCredentials;
import com.silverjems.shop.ShopApplication;
import com.silverjems.shop.images.DemoPhotoUploads;
import com.silverjems.testsupport.TestPostgres;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The local run's demo photos take the real path: the admin upload service puts 2400 px originals
 * in the upload bucket (S3Proxy, reached by the shop's production S3 client through the SDK's
 * standard settings), the hub's images route renders JPEG and WebP renditions into the public
 * bucket, and the catalogue answers URLs that the site serves, as CloudFront does.
 */
class LocalRunPhotosIT {

  private static final String PRODUCT = "moonstone-signet-ring";

  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void demoPhotosGoThroughTheUploadBucketAndTheImagesRouteIntoTheCatalogue() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("local_run_photos", true);
    List<String> credentials =
        List.of(
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password());
    try (LocalHub hub =
            LocalRun.startHub(
                database.jdbcUrl(), data, 0, 0, 0, credentials.toArray(String[]::new));
        ConfigurableApplicationContext shop = startShop(database, hub, credentials)) {
      int port = Integer.parseInt(shop.getEnvironment().getProperty("local.server.port"));

      assertThat(DemoPhotoUploads.uploadMissing(shop, List.of(PRODUCT))).isEqualTo(3);

      JsonNode product =
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () -> json.readTree(get(port, "/api/products/" + PRODUCT).body()),
                  p -> p.path("images").size() == 3);
      for (JsonNode image : product.path("images")) {
        assertThat(image.path("width").asInt()).isEqualTo(2400);
        assertThat(image.path("height").asInt()).isEqualTo(2400);
        List<String> formats = new ArrayList<>();
        for (JsonNode rendition : image.path("renditions")) {
          formats.add(rendition.path("format").asText() + "@" + rendition.path("width").asInt());
          String url = rendition.path("url").asText();
          assertThat(url).startsWith("http://localhost:" + port + "/images/");
          HttpResponse<byte[]> file =
              http.send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          assertThat(file.statusCode()).isEqualTo(200);
          assertThat(file.headers().firstValue("Content-Type"))
              .hasValue("image/" + rendition.path("format").asText());
          BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(file.body()));
          assertThat(decoded.getWidth()).isEqualTo(rendition.path("width").asInt());
        }
        assertThat(formats)
            .containsExactlyInAnyOrder(
                "jpeg@320", "jpeg@800", "jpeg@1600", "webp@320", "webp@800", "webp@1600");
      }
      // A restart uploads nothing again.
      assertThat(DemoPhotoUploads.uploadMissing(shop, List.of(PRODUCT))).isZero();
    }
  }

  private ConfigurableApplicationContext startShop(
      TestPostgres.Database database, LocalHub hub, List<String> credentials) {
    LocalRunSettings settings =
        new LocalRunSettings(data, freePort(), 0, hub.emulators().s3Endpoint().getPort());
    AwsTestCredentials.install();
    settings.awsSdkSettings().forEach(System::setProperty);
    List<String> args = new ArrayList<>(credentials);
    Map<String, String> defaults = settings.springDefaults(database.jdbcUrl());
    defaults.remove("spring.datasource.username");
    defaults.remove("spring.datasource.password");
    defaults.put("server.port", String.valueOf(settings.port()));
    defaults.put(
        "silverjems.email-hub.url",
        "http://localhost:" + hub.context().getEnvironment().getProperty("local.server.port"));
    defaults.forEach((key, value) -> args.add("--" + key + "=" + value));
    SpringApplication application = new SpringApplication(ShopApplication.class);
    application.addInitializers(
        context ->
            ((GenericApplicationContext) context)
                .registerBean(
                    LocalImages.class, () -> new LocalImages(settings.publicImagesFolder())));
    return application.run(args.toArray(String[]::new));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
