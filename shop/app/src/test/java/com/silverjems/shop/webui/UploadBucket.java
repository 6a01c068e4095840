package com.silverjems.shop.webui;

import com.silverjems.routes.emulators.AwsTestCredentials;
import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The image pipeline's upload bucket, in this JVM (S3Proxy, in memory): admin uploads from the
 * browser tests land here, under {@code incoming/<product id>/}, as they would in S3.
 */
final class UploadBucket implements AutoCloseable {

  static final String NAME = "silverjems-uploads";

  private final S3Proxy proxy;
  private final BlobStoreContext context;

  private UploadBucket(S3Proxy proxy, BlobStoreContext context) {
    this.proxy = proxy;
    this.context = context;
  }

  static UploadBucket start() {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
    context.getBlobStore().createContainerInLocation(null, NAME);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.NONE, null, null)
            .build();
    try {
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
    } catch (Exception e) {
      context.close();
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    return new UploadBucket(proxy, context);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /**
   * Points every S3 client built from now on in this JVM at this server through the SDK's own
   * settings (what {@code AWS_ENDPOINT_URL_S3} and friends set in a container): the shop's client
   * is built exactly as in production. S3Proxy refuses the SDK's default trailing checksums.
   */
  void becomeTheSdksS3() {
    System.setProperty("aws.endpointUrlS3", endpoint().toString());
    System.setProperty("aws.requestChecksumCalculation", "when_required");
    System.setProperty("aws.responseChecksumValidation", "when_required");
    // This server accepts any signature; the JVM's one test key pair (which the local run's
    // S3Proxy requires) stays valid for tests that run after this one in the same JVM.
    AwsTestCredentials.install();
  }

  /** The objects under {@code prefix}. */
  List<S3Object> objects(String prefix) {
    try (S3Client s3 =
        S3Client.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(endpoint())
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      return s3.listObjectsV2(request -> request.bucket(NAME).prefix(prefix)).contents();
    }
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // The port goes with the JVM at the latest.
    } finally {
      context.close();
    }
  }
}
