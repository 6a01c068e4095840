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
    return client("ECS", "ECS", region(), EcsClient.builder(), Optional.empty());
  }

  /** CloudWatch in the platform's region. */
  public CloudWatchClient cloudWatch() {
    return client(
        "CLOUDWATCH", "CloudWatch", region(), CloudWatchClient.builder(), Optional.empty());
  }

  /** CloudWatch in the given region (the edge stack's alarms live in us-east-1). */
  public CloudWatchClient cloudWatch(Region in) {
    return client("CLOUDWATCH", "CloudWatch", in, CloudWatchClient.builder(), Optional.empty());
  }

  /**
   * CloudWatch with a single attempt, for best-effort housekeeping that must never slow a command
   * down (the next run tries again).
   */
  public CloudWatchClient cloudWatchSingleAttempt() {
    return client("CLOUDWATCH", "CloudWatch", region(), CloudWatchClient.builder(), Optional.of(1));
  }

  /** ACM in the given region (CloudFront's certificates live in us-east-1). */
  public AcmClient acm(Region in) {
    return client("ACM", "ACM", in, AcmClient.builder(), Optional.empty());
  }

  /** The platform's region. */
  public synchronized Region region() {
    if (region == null) {
      region =
          options
              .region()
              .or(this::profileRegion)
              .map(AwsClients::regionNamed)
              .orElseThrow(
                  () ->
                      new RegionMissing(
                          "no AWS region: pass --region, set AWS_REGION, or add region to profile "
                              + options.profile().orElse("default")));
    }
    return region;
  }

  /** Region codes are lower-case words and digits joined by dashes, e.g. eu-west-1. */
  private static Region regionNamed(String name) {
    if (!name.strip().matches("[a-z]{2,}(-[a-z0-9]+)+")) {
      throw new RegionMissing(
          "'" + name + "' is not an AWS region (examples: eu-west-1, us-east-1)");
    }
    return Region.of(name.strip());
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
      String service, String system, Region in, B builder, Optional<Integer> attempts) {
    String key = service + "/" + in.id() + "/" + attempts.orElse(0);
    return (C)
        clients.computeIfAbsent(
            key,
            k -> {
              builder.region(in).credentialsProvider(credentials()).httpClient(http());
              endpoint(service).ifPresent(builder::endpointOverride);
              Optional<Integer> maxAttempts = attempts.or(this::maxAttempts);
              builder.overrideConfiguration(
                  o -> {
                    o.addExecutionInterceptor(new AwsCalls(system))
                        .apiCallAttemptTimeout(options.apiTimeout());
                    maxAttempts.ifPresent(n -> o.retryStrategy(r -> r.maxAttempts(n)));
                  });
              return builder.build();
            });
  }

  /** The SDK's own AWS_MAX_ATTEMPTS, read from opsctl's environment (tests pass their own). */
  private Optional<Integer> maxAttempts() {
    Optional<String> text = environment.variable("AWS_MAX_ATTEMPTS");
    if (text.isPresent() && !text.get().strip().matches("[1-9][0-9]{0,2}")) {
      throw new RegionMissing(
          "AWS_MAX_ATTEMPTS must be a number of attempts from 1 to 999, not '" + text.get() + "'");
    }
    return text.map(t -> Integer.parseInt(t.strip()));
  }

  private Optional<URI> endpoint(String service) {
    String variable = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT);
    Optional<URI> url;
    try {
      url = environment.variable(variable).map(URI::create);
    } catch (IllegalArgumentException e) {
      throw new RegionMissing(variable + " is not a URL: " + e.getMessage());
    }
    url = url.or(options::endpointUrl);
    url.ifPresent(
        u -> {
          String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
          if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new RegionMissing(
                "the AWS endpoint must be an http(s) URL with a host (--endpoint-url, "
                    + "AWS_ENDPOINT_URL or "
                    + variable
                    + "), not '"
                    + u
                    + "'");
          }
        });
    return url;
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
              .connectionTimeout(min(Duration.ofSeconds(5), options.apiTimeout()))
              .socketTimeout(options.apiTimeout())
              .build();
    }
    return http;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
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

  /** No usable region (or other AWS setting) could be found for the AWS calls. */
  static final class RegionMissing extends OpsctlException {
    RegionMissing(String message) {
      super(ExitCode.USAGE, message);
    }
  }
}
