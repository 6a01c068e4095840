package com.silverjems.routes.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class LocalS3Test {

  @TempDir Path dir;

  @Test
  void onDiskUploadsSurviveARestartAndThePublicBucketNeedsNoCredentials() throws Exception {
    try (LocalS3 first = LocalS3.onDisk(dir, 0);
        S3Client client = first.client()) {
      client.putObject(
          b -> b.bucket(LocalS3.UPLOAD_BUCKET).key("incoming/1/ring.jpg"),
          RequestBody.fromString("original"));
      client.putObject(
          b -> b.bucket(LocalS3.PUBLIC_BUCKET).key("products/1/abc-320w.jpg"),
          RequestBody.fromString("rendition"));
    }

    try (LocalS3 second = LocalS3.onDisk(dir, 0);
        S3Client client = second.client()) {
      assertThat(
              client
                  .getObjectAsBytes(b -> b.bucket(LocalS3.UPLOAD_BUCKET).key("incoming/1/ring.jpg"))
                  .asUtf8String())
          .isEqualTo("original");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> rendition =
          http.send(
              HttpRequest.newBuilder(URI.create(second.publicBaseUrl() + "products/1/abc-320w.jpg"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(rendition.statusCode()).isEqualTo(200);
      assertThat(rendition.body()).isEqualTo("rendition");
      HttpResponse<String> upload =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          second.endpoint() + "/" + LocalS3.UPLOAD_BUCKET + "/incoming/1/ring.jpg"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(upload.statusCode()).as("uploads stay private").isEqualTo(403);
      assertThat(second.springProperties())
          .containsEntry("images.s3.endpoint", second.endpoint().toString())
          .containsEntry("images.upload-bucket", LocalS3.UPLOAD_BUCKET)
          .containsEntry("images.public-bucket", LocalS3.PUBLIC_BUCKET);
    }
  }
}
