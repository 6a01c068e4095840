package com.silverjems.infra.parity;

import com.silverjems.routes.emulators.InProcessSqs;
import com.silverjems.routes.emulators.SesStub;
import com.silverjems.testsupport.OsTool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * What the task definitions point at in AWS, on loopback: PostgreSQL (embedded binaries, TLS on, as
 * RDS with {@code sslmode=require}), Redis (Debian's redis-server with TLS and AUTH, as ElastiCache
 * with transit encryption), S3Proxy for the buckets, ElasticMQ for the queues and the WireMock SES
 * stand-in of the hub's tests. The components reach the AWS ones only through the SDK's standard
 * endpoint variables ({@link #endpointVariables()}).
 */
final class LocalAws implements AutoCloseable {

  static final String ACCESS_KEY = "parity-access-key";
  static final String SECRET_KEY = "parity-secret-key";

  private final Path directory;
  private final EmbeddedPostgres postgres;
  private final Process redis;
  private final int redisPort;
  private final String redisPassword;
  private final S3Proxy s3;
  private final BlobStoreContext blobs;
  private final InProcessSqs sqs;
  private final SesStub ses;
  private final List<String> databases = new ArrayList<>();

  private LocalAws(
      Path directory,
      EmbeddedPostgres postgres,
      Process redis,
      int redisPort,
      String redisPassword,
      S3Proxy s3,
      BlobStoreContext blobs,
      InProcessSqs sqs,
      SesStub ses) {
    this.directory = directory;
    this.postgres = postgres;
    this.redis = redis;
    this.redisPort = redisPort;
    this.redisPassword = redisPassword;
    this.s3 = s3;
    this.blobs = blobs;
    this.sqs = sqs;
    this.ses = ses;
  }

  static LocalAws start(Path directory, String redisPassword) throws Exception {
    ProductionImage.deleteRecursively(directory);
    Files.createDirectories(directory);
    Path certificate = directory.resolve("server.crt");
    Path key = directory.resolve("server.key");
    // One self-signed certificate for 127.0.0.1 serves PostgreSQL and Redis; the components trust
    // it through the trust store (AWS's CAs are in the JRE's default one).
    run(
        directory,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        key.toString(),
        "-out",
        certificate.toString());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    run(
        directory,
        "keytool",
        "-importcert",
        "-noprompt",
        "-alias",
        "local-aws",
        "-file",
        certificate.toString(),
        "-keystore",
        trustStore(directory).toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");

    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", certificate.toString())
            .setServerConfig("ssl_key_file", key.toString())
            .start();

    Path redisServer = OsTool.require("redis-server", "redis-server");
    int redisPort = freePort();
    Process redis =
        new ProcessBuilder(
                redisServer.toString(),
                "--port",
                "0",
                "--tls-port",
                String.valueOf(redisPort),
                "--bind",
                "127.0.0.1",
                "--tls-cert-file",
                certificate.toString(),
                "--tls-key-file",
                key.toString(),
                "--tls-auth-clients",
                "no",
                "--requirepass",
                redisPassword,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.log").toFile())
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(redis::destroyForcibly));

    BlobStoreContext blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
    S3Proxy s3 =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + freePort()))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    s3.start();
    while (!s3.getState().equals("STARTED")) {
      Thread.sleep(20);
    }
    return new LocalAws(
        directory,
        postgres,
        redis,
        redisPort,
        redisPassword,
        s3,
        blobs,
        InProcessSqs.start(),
        SesStub.startRecording());
  }

  static Path trustStore(Path directory) {
    return directory.resolve("truststore.p12");
  }

  Path trustStore() {
    return trustStore(directory);
  }

  int postgresPort() {
    return postgres.getPort();
  }

  int redisPort() {
    return redisPort;
  }

  String redisPassword() {
    return redisPassword;
  }

  /** A login role owning a database of that name: what the RDS instance's secret stands for. */
  synchronized void createDatabase(String database, String user, String password) {
    if (databases.contains(database + "/" + user)) {
      return;
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      boolean roleExists =
          statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + user + "'").next();
      statement.execute(
          (roleExists ? "ALTER" : "CREATE")
              + " ROLE \""
              + user
              + "\" LOGIN SUPERUSER PASSWORD '"
              + password
              + "'");
      boolean databaseExists =
          statement
              .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")
              .next();
      if (!databaseExists) {
        statement.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create " + database + " for " + user, e);
    }
    databases.add(database + "/" + user);
  }

  /** A database of the instance, as its superuser. */
  javax.sql.DataSource database(String name) {
    return postgres.getDatabase("postgres", name);
  }

  /** Empties the cache, as a cache node replaced by ElastiCache would be. */
  void flushCache() throws Exception {
    Process flush =
        new ProcessBuilder(
                OsTool.require("redis-cli", "redis-tools").toString(),
                "--tls",
                "--cacert",
                directory.resolve("server.crt").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(redisPort),
                "--no-auth-warning",
                "-a",
                redisPassword,
                "FLUSHALL")
            .redirectErrorStream(true)
            .start();
    String output = new String(flush.getInputStream().readAllBytes());
    if (!flush.waitFor(60, TimeUnit.SECONDS) || flush.exitValue() != 0 || !output.contains("OK")) {
      throw new IllegalStateException("redis-cli FLUSHALL failed: " + output);
    }
  }

  void createBucket(String name) {
    if (!blobs.getBlobStore().containerExists(name)) {
      blobs.getBlobStore().createContainerInLocation(null, name);
    }
  }

  boolean bucketHolds(String bucket, String prefix) {
    return blobs
        .getBlobStore()
        .list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix(prefix))
        .iterator()
        .hasNext();
  }

  /** Creates the queue and answers its URL. */
  String createQueue(String name) {
    return sqs.createQueue(name, 30);
  }

  SesStub ses() {
    return ses;
  }

  /**
   * The AWS SDK's own variables that point a client at these stand-ins, and credentials in place of
   * the task role's.
   */
  Map<String, String> endpointVariables() {
    return Map.of(
        "AWS_ENDPOINT_URL_S3",
        "http://127.0.0.1:" + s3.getPort(),
        "AWS_ENDPOINT_URL_SQS",
        sqs.endpoint().toString(),
        "AWS_ENDPOINT_URL_SES",
        ses.endpoint().toString(),
        // S3Proxy refuses the SDK's default trailing checksums (S3 needs none of ours): the
        // SDK's own settings, as the shop's local run sets them.
        "AWS_REQUEST_CHECKSUM_CALCULATION",
        "when_required",
        "AWS_RESPONSE_CHECKSUM_VALIDATION",
        "when_required",
        "AWS_ACCESS_KEY_ID",
        ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY",
        SECRET_KEY);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(Path directory, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve(command[0] + ".log").toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " failed: "
              + Files.readString(directory.resolve(command[0] + ".log")));
    }
  }

  @Override
  public void close() throws Exception {
    ses.close();
    sqs.close();
    s3.stop();
    blobs.close();
    redis.destroy();
    redis.waitFor(10, TimeUnit.SECONDS);
    postgres.close();
  }
}
