package com.silverjems.routes.images;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.BlobAccess;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.filesystem.reference.FilesystemConstants;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server in this JVM (S3Proxy) with the two buckets of image ingestion, for tests
 * and for the local run. The public bucket is public-read, like the CDN origin: a browser loads
 * renditions from {@link #publicBaseUrl()} without credentials.
 *
 * <pre>{@code
 * LocalS3 s3 = LocalS3.onDisk(Path.of(".local-data/s3"));   // uploads survive restarts
 * s3.springProperties().forEach(System::setProperty);          // images.* for integration-routes
 * }</pre>
 */
public final class LocalS3 implements AutoCloseable {

  public static final String UPLOAD_BUCKET = "silverjems-uploads";
  public static final String PUBLIC_BUCKET = "silverjems-public";

  /**
   * The one key pair S3Proxy accepts; {@code AwsTestCredentials} gives the SDK's default chain it.
   */
  public static final String ACCESS_KEY = "local";

  public static final String SECRET_KEY = "local-secret";
  static final String REGION = "eu-west-2";

  private final S3Proxy proxy;
  private final BlobStoreContext context;

  private LocalS3(S3Proxy proxy, BlobStoreContext context) {
    this.proxy = proxy;
    this.context = context;
  }

  /** In memory: gone when the JVM exits. For tests. */
  public static LocalS3 inMemory() {
    return start(ContextBuilder.newBuilder("transient").build(BlobStoreContext.class), 0);
  }

  /**
   * Objects kept under {@code directory} (created if missing) across restarts, on {@code port} (0
   * for any free port). For the local run.
   */
  public static LocalS3 onDisk(Path directory, int port) {
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot create the local S3 folder " + directory, e);
    }
    Properties overrides = new Properties();
    overrides.setProperty(
        FilesystemConstants.PROPERTY_BASEDIR, directory.toAbsolutePath().toString());
    return start(
        ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class),
        port);
  }

  private static LocalS3 start(BlobStoreContext context, int port) {
    BlobStore blobStore = context.getBlobStore();
    if (!blobStore.containerExists(UPLOAD_BUCKET)) {
      blobStore.createContainerInLocation(null, UPLOAD_BUCKET);
    }
    if (!blobStore.containerExists(PUBLIC_BUCKET)) {
      blobStore.createContainerInLocation(null, PUBLIC_BUCKET);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new PublicBucketReadable(blobStore))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    try {
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
    } catch (Exception e) {
      context.close();
      throw new IllegalStateException("S3Proxy did not start on port " + port, e);
    }
    return new LocalS3(proxy, context);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Where browsers load renditions from: what the CDN's URL is in production. */
  public String publicBaseUrl() {
    return endpoint() + "/" + PUBLIC_BUCKET + "/";
  }

  /** Spring properties pointing integration-routes' images group at this server. */
  public Map<String, String> springProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("images.upload-bucket", UPLOAD_BUCKET);
    properties.put("images.public-bucket", PUBLIC_BUCKET);
    properties.put("images.s3.endpoint", endpoint().toString());
    properties.put("images.s3.region", REGION);
    properties.put("images.s3.path-style", "true");
    properties.put("images.s3.access-key", ACCESS_KEY);
    properties.put("images.s3.secret-key", SECRET_KEY);
    return properties;
  }

  /** A client for this server, configured as the application's (path style, lax checksums). */
  public S3Client client() {
    return ImagesS3Client.build(
        new ImagesProperties.S3(REGION, endpoint(), true, ACCESS_KEY, SECRET_KEY));
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // Stopping anyway; the port is released with the JVM at the latest.
    } finally {
      context.close();
    }
  }

  /**
   * S3Proxy lets anonymous readers in per object ACL only; in AWS the CDN reads the whole public
   * bucket (a bucket policy, no ACLs). Answering "public-read" for every object of the public
   * bucket gives the same behaviour without ACL calls in the application.
   */
  private static final class PublicBucketReadable extends ForwardingBlobStore {
    PublicBucketReadable(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public BlobAccess getBlobAccess(String container, String name) {
      return PUBLIC_BUCKET.equals(container)
          ? BlobAccess.PUBLIC_READ
          : super.getBlobAccess(container, name);
    }
  }
}
