package com.silverjems.infra.edge;

import com.silverjems.infra.ciaccess.CiAccessStack;
import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.constructs.AlarmTopic;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.FileCodeOptions;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestCookieBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.OriginGroup;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.VpcOrigin;
import software.amazon.awscdk.services.cloudfront.origins.VpcOriginWithEndpointProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmBase;
import software.amazon.awscdk.services.cloudwatch.AnomalyDetectionAlarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.AaaaRecord;
import software.amazon.awscdk.services.route53.CfnHealthCheck;
import software.amazon.awscdk.services.route53.IPublicHostedZone;
import software.amazon.awscdk.services.route53.PublicHostedZone;
import software.amazon.awscdk.services.route53.PublicHostedZoneAttributes;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.CloudFrontTarget;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * The only public entry: CloudFront with TLS (an ACM certificate), AWS WAF, caching, a VPC origin
 * to the internal load balancer and origin access control to the S3 buckets; the site's Route 53
 * records and health check; and the alarms on what exists only in us-east-1.
 *
 * <p>Why this stack lives in us-east-1: CloudFront accepts certificates and web ACLs only from
 * there, and publishes its metrics, Route 53 its health-check metrics and ACM the expiry events of
 * CloudFront's certificate only there. The stack reads the load balancer and the buckets of the
 * regional stacks through CDK's cross-region references (SSM parameters written by the producing
 * stacks), so the regional stacks deploy first and never depend on this one.
 *
 * <p>Failover to the static maintenance page happens in CloudFront, not in DNS, and that is the
 * stronger design: CloudFront owns the site's host name and its certificate, so a Route 53 failover
 * record could only point at another distribution, which may not hold the same alternate name; and
 * CloudFront fails over per request, within the origin's timeout, where DNS failover waits for
 * three failed checks plus the record's TTL and resolvers' caches, and takes the whole site away (a
 * static storefront that still works) when only the API is down. When the API's origin fails
 * (502/503/504), or the storefront's bucket does, CloudFront serves {@code /maintenance/index.html}
 * from the maintenance bucket, which every release fills ({@code
 * .github/scripts/publish-storefront.sh}; the smoke checks fetch the page).
 *
 * <p>The Route 53 health check requests readiness through CloudFront from several regions and
 * matches {@code "status":"UP"}, so the maintenance page (a 503 with HTML) never counts as healthy.
 * Besides paging the on-call, it is the release's outside-in gate: a release is recorded as
 * deployed (and its images as verified for production) only once most checkers see the site ready
 * ({@code .github/scripts/health-gate.sh}).
 */
public final class EdgeStack extends Stack {

  /** Path of the page shown while the origin is down. */
  public static final String MAINTENANCE_PAGE = "/maintenance/index.html";

  /** What the Route 53 health check requires in the readiness body (Spring Boot's health JSON). */
  public static final String READY_BODY = "\"status\":\"UP\"";

  /**
   * The viewer-request function of the storefront (cloudfront-js-2.0), relative to the infra
   * module: clean page addresses to the files the release uploads. Tests run the same file with
   * node.
   */
  public static final Path CLEAN_ADDRESSES_FUNCTION =
      Path.of("src", "main", "cloudfront", "clean-addresses.js");

  /**
   * The viewer headers the API receives (besides those CloudFront always sends: X-Forwarded-For
   * with the viewer appended, Via, X-Amz-Cf-Id, Content-Length; and the cookies and query strings).
   * An allow-list, not "all viewer headers": a client's own {@code Forwarded}, {@code
   * X-Forwarded-Host} or {@code X-Real-IP} never reach the shop, and Host is the origin's name.
   * CloudFront-Viewer-Address is the client address CloudFront saw (the shop's client address);
   * CloudFront-Forwarded-Proto says the viewer spoke https although the origin hop is plain http.
   * At most 10 (CloudFront's quota per origin request policy).
   */
  public static final List<String> API_REQUEST_HEADERS =
      List.of(
          "CloudFront-Viewer-Address",
          "CloudFront-Forwarded-Proto",
          "Accept",
          "Accept-Language",
          "Content-Type",
          "If-None-Match",
          "Idempotency-Key",
          "X-XSRF-TOKEN",
          "Stripe-Signature");

  private final Distribution distribution;
  private final Topic alarms;

  /**
   * @param loadBalancer the internal ALB of the services stack (another region)
   * @param publicAssetsBucketName the storefront and renditions bucket of the data stack
   */
  public EdgeStack(
      Construct scope,
      String id,
      StackProps props,
      DeploymentEnvironment env,
      IApplicationLoadBalancer loadBalancer,
      String publicAssetsBucketName) {
    super(scope, id, props);
    IPublicHostedZone zone =
        PublicHostedZone.fromPublicHostedZoneAttributes(
            this,
            "Zone",
            PublicHostedZoneAttributes.builder()
                .hostedZoneId(env.hostedZoneId())
                .zoneName(env.hostedZoneName())
                .build());
    Certificate certificate =
        Certificate.Builder.create(this, "Certificate")
            .domainName(env.siteDomain())
            .validation(CertificateValidation.fromDns(zone))
            .build();

    CfnWebACL firewall = Firewall.create(this, env.prefix());

    Bucket logs =
        Bucket.Builder.create(this, "CloudFrontLogs")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            // CloudFront's standard logs are delivered with an ACL: the bucket must allow them.
            .objectOwnership(ObjectOwnership.OBJECT_WRITER)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder().id("expire").expiration(Duration.days(365)).build()))
            .removalPolicy(RemovalPolicy.DESTROY)
            .autoDeleteObjects(false)
            .build();
    Bucket maintenance =
        Bucket.Builder.create(this, "Maintenance")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .versioned(true)
            .serverAccessLogsBucket(logs)
            .serverAccessLogsPrefix("s3/maintenance/")
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    IBucket publicAssets =
        Bucket.fromBucketAttributes(
            this,
            "PublicAssets",
            BucketAttributes.builder()
                .bucketName(publicAssetsBucketName)
                .region(env.region())
                .build());

    IOrigin maintenanceOrigin = S3BucketOrigin.withOriginAccessControl(maintenance);
    // If the storefront's bucket fails, the maintenance page answers instead (GET/HEAD only, as
    // CloudFront's origin failover is).
    IOrigin storefront =
        OriginGroup.Builder.create()
            .primaryOrigin(S3BucketOrigin.withOriginAccessControl(publicAssets))
            .fallbackOrigin(maintenanceOrigin)
            .fallbackStatusCodes(List.of(500, 502, 503, 504))
            .build();
    IOrigin api =
        VpcOrigin.withApplicationLoadBalancer(
            loadBalancer,
            VpcOriginWithEndpointProps.builder()
                .httpPort(80)
                .protocolPolicy(OriginProtocolPolicy.HTTP_ONLY)
                .readTimeout(Duration.seconds(30))
                .build());

    // Catalogue answers carry their own Cache-Control (default TTL 0: nothing else is cached);
    // the key holds every cookie and query string but no header, so Host never reaches the origin.
    CachePolicy apiCache =
        CachePolicy.Builder.create(this, "ApiCache")
            .comment(env.prefix() + " API: the origin's Cache-Control, keyed on cookies and query")
            .defaultTtl(Duration.seconds(0))
            .minTtl(Duration.seconds(0))
            .maxTtl(Duration.days(1))
            .headerBehavior(CacheHeaderBehavior.none())
            .cookieBehavior(CacheCookieBehavior.all())
            .queryStringBehavior(CacheQueryStringBehavior.all())
            .enableAcceptEncodingGzip(true)
            .enableAcceptEncodingBrotli(true)
            .build();
    OriginRequestPolicy apiRequests =
        OriginRequestPolicy.Builder.create(this, "ApiOriginRequests")
            .comment(env.prefix() + " API: the viewer headers the shop reads, its address")
            .headerBehavior(
                OriginRequestHeaderBehavior.allowList(API_REQUEST_HEADERS.toArray(String[]::new)))
            .cookieBehavior(OriginRequestCookieBehavior.all())
            .queryStringBehavior(OriginRequestQueryStringBehavior.all())
            .build();
    Function cleanAddresses =
        Function.Builder.create(this, "CleanAddresses")
            .comment(env.prefix() + " storefront: clean page addresses to their .html files")
            .runtime(FunctionRuntime.JS_2_0)
            .code(
                FunctionCode.fromFile(
                    FileCodeOptions.builder()
                        .filePath(CLEAN_ADDRESSES_FUNCTION.toString())
                        .build()))
            .build();

    // Behaviours in precedence order (CloudFront tries them top to bottom; Map.of has no order).
    Map<String, BehaviorOptions> behaviours = new LinkedHashMap<>();
    behaviours.put(
        "/api/*",
        BehaviorOptions.builder()
            .origin(api)
            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
            .allowedMethods(AllowedMethods.ALLOW_ALL)
            // Sessions and carts are never cached because the policy keys on cookies.
            .cachePolicy(apiCache)
            .originRequestPolicy(apiRequests)
            .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
            .compress(true)
            .build());
    // The one actuator path CloudFront forwards: the Route 53 health check's.
    behaviours.put(
        Component.SHOP_API.readinessPath(),
        BehaviorOptions.builder()
            .origin(api)
            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
            .cachePolicy(CachePolicy.CACHING_DISABLED)
            .build());
    // The search engines' files are generated by the shop from the catalogue (the rest of the
    // site root is the storefront bucket); cached as the shop's Cache-Control says.
    for (String searchEngineFile : List.of("/sitemap.xml", "/robots.txt")) {
      behaviours.put(
          searchEngineFile,
          BehaviorOptions.builder()
              .origin(api)
              .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
              .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
              .cachePolicy(apiCache)
              .originRequestPolicy(apiRequests)
              .compress(true)
              .build());
    }
    behaviours.put(
        "/maintenance/*",
        BehaviorOptions.builder()
            .origin(maintenanceOrigin)
            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
            .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
            .build());

    distribution =
        Distribution.Builder.create(this, "Distribution")
            .comment(env.prefix() + " storefront and API")
            .domainNames(List.of(env.siteDomain()))
            .certificate(certificate)
            .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
            .httpVersion(HttpVersion.HTTP2_AND_3)
            .priceClass(PriceClass.PRICE_CLASS_100)
            .webAclId(firewall.getAttrArn())
            .enableLogging(true)
            .logBucket(logs)
            .logFilePrefix("cloudfront/")
            // CacheHitRate and 5xxErrorRate exist only with additional metrics on.
            .publishAdditionalMetrics(true)
            .defaultRootObject("index.html")
            .defaultBehavior(
                BehaviorOptions.builder()
                    .origin(storefront)
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                    .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                    .compress(true)
                    .functionAssociations(
                        List.of(
                            FunctionAssociation.builder()
                                .eventType(FunctionEventType.VIEWER_REQUEST)
                                .function(cleanAddresses)
                                .build()))
                    .build())
            .additionalBehaviors(behaviours)
            .errorResponses(
                List.of(502, 503, 504).stream()
                    .map(
                        status ->
                            ErrorResponse.builder()
                                .httpStatus(status)
                                .responseHttpStatus(503)
                                .responsePagePath(MAINTENANCE_PAGE)
                                .ttl(Duration.seconds(10))
                                .build())
                    .toList())
            .build();

    NagSuppressions.addResourceSuppressions(
        distribution,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-CFR1")
                .reason(
                    "The shop sells and ships worldwide; abuse is handled by the WAF's rate limit"
                        + " and IP reputation list, not by country.")
                .build()),
        true);

    maintenance.addToResourcePolicy(CiAccessStack.releasePublishes(maintenance, env));

    ARecord.Builder.create(this, "SiteA")
        .zone(zone)
        .recordName(env.siteDomain() + ".")
        .target(RecordTarget.fromAlias(new CloudFrontTarget(distribution)))
        .build();
    AaaaRecord.Builder.create(this, "SiteAaaa")
        .zone(zone)
        .recordName(env.siteDomain() + ".")
        .target(RecordTarget.fromAlias(new CloudFrontTarget(distribution)))
        .build();
    CfnHealthCheck siteHealth =
        CfnHealthCheck.Builder.create(this, "SiteHealthCheck")
            .healthCheckConfig(
                CfnHealthCheck.HealthCheckConfigProperty.builder()
                    // The body must say UP: the maintenance page CloudFront falls back to is no
                    // sign of health, whatever its status code.
                    .type("HTTPS_STR_MATCH")
                    .searchString(READY_BODY)
                    .fullyQualifiedDomainName(env.siteDomain())
                    .port(443)
                    .resourcePath(Component.SHOP_API.readinessPath())
                    .requestInterval(30)
                    .failureThreshold(3)
                    .enableSni(true)
                    .measureLatency(true)
                    .build())
            .healthCheckTags(
                List.of(
                    CfnHealthCheck.HealthCheckTagProperty.builder()
                        .key("Name")
                        .value(env.prefix() + "-site")
                        .build()))
            .build();

    // What the release reads (.github/scripts/edge-outputs.sh): nothing is copied into a workflow.
    output("StorefrontBucket", publicAssetsBucketName, "the storefront's bucket (data stack)");
    output("MaintenanceBucket", maintenance.getBucketName(), "the maintenance page's bucket");
    output("DistributionId", distribution.getDistributionId(), "the site's distribution");
    output("SiteHealthCheckId", siteHealth.getAttrHealthCheckId(), "the release's health gate");

    // --- alarms that can only live here --------------------------------------------------------
    alarms =
        new AlarmTopic(
                this,
                "EdgeAlarmTopic",
                new AlarmTopic.Props(
                    "EdgeAlarmsKey",
                    env.prefix() + " edge alarm topic",
                    "EdgeAlarms",
                    env.prefix() + "-edge-alarms",
                    env.prefix() + " edge alarms",
                    env.alarmEmail(),
                    List.of("cloudwatch.amazonaws.com", "events.amazonaws.com")))
            .topic();

    Map<String, String> distributionDimensions =
        Map.of("DistributionId", distribution.getDistributionId(), "Region", "Global");
    AnomalyDetectionAlarm cacheHitDrop =
        AnomalyDetectionAlarm.Builder.create(this, "CacheHitRateDrop")
            .alarmName(env.prefix() + "-cloudfront-cache-hit-rate-drop")
            .alarmDescription("CloudFront's cache hit ratio fell well below its usual band")
            .metric(
                Metric.Builder.create()
                    .namespace("AWS/CloudFront")
                    .metricName("CacheHitRate")
                    .dimensionsMap(distributionDimensions)
                    .statistic("Average")
                    .period(Duration.minutes(1))
                    .build())
            .stdDevs(3)
            .comparisonOperator(ComparisonOperator.LESS_THAN_LOWER_THRESHOLD)
            .evaluationPeriods(3)
            .datapointsToAlarm(3)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    notify(cacheHitDrop);
    Alarm siteDown =
        Alarm.Builder.create(this, "SiteHealthCheckFailing")
            .alarmName(env.prefix() + "-site-health-check")
            .alarmDescription("Route 53 health checkers cannot reach the site's readiness endpoint")
            .metric(
                Metric.Builder.create()
                    .namespace("AWS/Route53")
                    .metricName("HealthCheckStatus")
                    .dimensionsMap(Map.of("HealthCheckId", siteHealth.getAttrHealthCheckId()))
                    .statistic("Minimum")
                    .period(Duration.minutes(1))
                    .build())
            .threshold(1)
            .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
            .evaluationPeriods(3)
            .datapointsToAlarm(3)
            .treatMissingData(TreatMissingData.BREACHING)
            .build();
    notify(siteDown);
    // ACM emits "ACM Certificate Approaching Expiration" daily from DaysBeforeExpiry (45 by
    // default) days out; a renewal stuck on DNS validation must page 30 days before the end.
    Rule.Builder.create(this, "CertificateExpiring")
        .ruleName(env.prefix() + "-certificate-expiring")
        .description("the site's certificate expires within 30 days (renewal is stuck)")
        .eventPattern(
            EventPattern.builder()
                .source(List.of("aws.acm"))
                .detailType(List.of("ACM Certificate Approaching Expiration"))
                .resources(List.of(certificate.getCertificateArn()))
                .detail(Map.of("DaysToExpiry", Match.lessThanOrEqual(30)))
                .build())
        .targets(List.of(new SnsTopic(alarms)))
        .build();
  }

  private void output(String key, String value, String description) {
    CfnOutput.Builder.create(this, key).value(value).description(description).build();
  }

  private void notify(AlarmBase alarm) {
    alarm.addAlarmAction(new SnsAction(alarms));
    alarm.addOkAction(new SnsAction(alarms));
  }

  public Distribution distribution() {
    return distribution;
  }
}
