package com.silverjems.opsctl;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The AWS clients of one opsctl run, built the way the AWS CLI resolves things so an engineer's
 * shell works as it is: credentials from a typed {@code --profile}, else the AWS_* key variables,
 * else the profile from AWS_PROFILE or the config file, else the default chain (SSO, container,
 * instance role). Each service may be pointed at an emulator with {@code --endpoint-url} or the
 * SDK's own {@code AWS_ENDPOINT_URL_<SERVICE>} variables.
 */
public final class AwsClients implements AutoCloseable {

  private final GlobalOptions options;
  private final Environment environment;
  private final boolean profileTyped;
  private final Map<String, Object> clients = new HashMap<>();
  private SdkHttpClient http;
  private AwsCredentialsProvider credentials;
  private Region region;

  AwsClients(GlobalOptions options, Environment environment, boolean profileTyped) {
    this.options = options;
    this.environment = environment;
    this.profileTyped = profileTyped;
  }

  /** ECS in the platform's region. */
  public EcsClient ecs() {
    return client("ECS", region(), EcsClient.builder(), Optional.empty());
  }

  /** CloudWatch in the platform's region. */
  public CloudWatchClient cloudWatch() {
    return client("CLOUDWATCH", region(), CloudWatchClient.builder(), Optional.empty());
  }

  /**
   * CloudWatch with a single attempt, for best-effort housekeeping that must never slow a command
   * down (the next run tries again).
   */
  public CloudWatchClient cloudWatchSingleAttempt() {
    return client("CLOUDWATCH", region(), CloudWatchClient.builder(), Optional.of(1));
  }

  /** ACM in the given region (CloudFront's certificates live in us-east-1). */
  public AcmClient acm(Region in) {
    return client("ACM", in, AcmClient.builder(), Optional.empty());
  }

  /** The platform's region. */
  public synchronized Region region() {
    if (region == null) {
      region =
          options
              .region()
              .or(this::profileRegion)
              .map(Region::of)
              .orElseThrow(
                  () ->
                      new RegionMissing(
                          "no AWS region: pass --region, set AWS_REGION, or add region to profile "
                              + options.profile().orElse("default")));
    }
    return region;
  }

  private Optional<String> profileRegion() {
    try {
      return ProfileFile.defaultProfileFile()
          .profile(options.profile().orElse("default"))
          .flatMap(profile -> profile.property("region"));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      String service, Region in, B builder, Optional<Integer> attempts) {
    String key = service + "/" + in.id() + "/" + attempts.orElse(0);
    return (C)
        clients.computeIfAbsent(
            key,
            k -> {
              builder.region(in).credentialsProvider(credentials()).httpClient(http());
              endpoint(service).ifPresent(builder::endpointOverride);
              Optional<Integer> maxAttempts =
                  attempts.or(
                      () -> environment.variable("AWS_MAX_ATTEMPTS").map(Integer::parseInt));
              maxAttempts.ifPresent(
                  n -> builder.overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(n))));
              return builder.build();
            });
  }

  private Optional<URI> endpoint(String service) {
    return environment
        .variable("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
        .map(URI::create)
        .or(options::endpointUrl);
  }

  private AwsCredentialsProvider credentials() {
    if (credentials == null) {
      Optional<String> key = environment.variable("AWS_ACCESS_KEY_ID");
      Optional<String> secret = environment.variable("AWS_SECRET_ACCESS_KEY");
      if (options.profile().isPresent() && (profileTyped || key.isEmpty())) {
        credentials = ProfileCredentialsProvider.create(options.profile().get());
      } else if (key.isPresent() && secret.isPresent()) {
        Optional<String> token = environment.variable("AWS_SESSION_TOKEN");
        credentials =
            StaticCredentialsProvider.create(
                token.isPresent()
                    ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(key.get(), secret.get()));
      } else {
        credentials = DefaultCredentialsProvider.builder().build();
      }
    }
    return credentials;
  }

  private SdkHttpClient http() {
    if (http == null) {
      http =
          UrlConnectionHttpClient.builder()
              .connectionTimeout(Duration.ofSeconds(5))
              .socketTimeout(Duration.ofSeconds(30))
              .build();
    }
    return http;
  }

  @Override
  public synchronized void close() {
    for (Object client : clients.values()) {
      try {
        ((AutoCloseable) client).close();
      } catch (Exception ignored) {
        // Closing at exit: nothing useful to do with a failure here.
      }
    }
    if (http != null) {
      http.close();
    }
  }

  /** No region could be found for the AWS calls. */
  static final class RegionMissing extends OpsctlException {
    RegionMissing(String message) {
      super(ExitCode.USAGE, message);
    }
  }
}
