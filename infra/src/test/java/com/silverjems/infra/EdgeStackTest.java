package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.edge.EdgeStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** CloudFront is the only public entry: TLS, WAF, VPC origin, OAC, DNS and the maintenance page. */
class EdgeStackTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final Template edge = platform.template(platform.prod().edge());

  @Test
  void theEdgeStackIsInUsEast1WhereCloudFrontTakesCertificatesAndWebAcls() {
    assertThat(platform.prod().edge().getRegion()).isEqualTo("us-east-1");
    assertThat(platform.prod().services().getRegion()).isEqualTo("eu-west-1");
    edge.hasResourceProperties(
        "AWS::CertificateManager::Certificate",
        Map.of("DomainName", "www.silverjems.com", "ValidationMethod", "DNS"));
  }

  @Test
  void theDistributionServesTheSiteOverModernTlsBehindTheWaf() {
    edge.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of(
                    "Aliases", List.of("www.silverjems.com"),
                    "WebACLId",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Firewall.*"), "Arn")),
                    "ViewerCertificate",
                        Match.objectLike(
                            Map.of(
                                "MinimumProtocolVersion", "TLSv1.2_2021",
                                "SslSupportMethod", "sni-only")),
                    "Logging", Match.objectLike(Map.of("Bucket", Match.anyValue()))))));
  }

  @Test
  void theWafRateLimitsPerIpAndRunsAwsManagedRules() {
    edge.hasResourceProperties(
        "AWS::WAFv2::WebACL",
        Map.of(
            "Scope",
            "CLOUDFRONT",
            "Rules",
            Match.arrayWith(
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            Map.of(
                                "RateBasedStatement",
                                Match.objectLike(Map.of("AggregateKeyType", "IP", "Limit", 2000))),
                            "Action",
                            Map.of("Block", Map.of()))),
                    Match.objectLike(Map.of("Name", "AWSManagedRulesAmazonIpReputationList")),
                    Match.objectLike(Map.of("Name", "AWSManagedRulesCommonRuleSet")),
                    Match.objectLike(Map.of("Name", "AWSManagedRulesKnownBadInputsRuleSet"))))));
  }

  @Test
  void theApiIsReachedThroughAVpcOriginToTheInternalLoadBalancer() {
    edge.hasResourceProperties(
        "AWS::CloudFront::VpcOrigin",
        Map.of(
            "VpcOriginEndpointConfig",
            Match.objectLike(
                Map.of("Arn", Match.anyValue(), "OriginProtocolPolicy", "http-only"))));
    edge.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of(
                    "CacheBehaviors",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "PathPattern",
                                    "/api/*",
                                    "ViewerProtocolPolicy",
                                    "https-only"))))))));
  }

  @Test
  void bucketsAreReadThroughOriginAccessControl() {
    edge.hasResourceProperties(
        "AWS::CloudFront::OriginAccessControl",
        Map.of(
            "OriginAccessControlConfig",
            Match.objectLike(
                Map.of("OriginAccessControlOriginType", "s3", "SigningBehavior", "always"))));
    platform
        .template(platform.prod().data())
        .hasResourceProperties(
            "AWS::S3::BucketPolicy",
            Map.of(
                "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                                    "Action", "s3:GetObject",
                                    "Condition",
                                        Map.of(
                                            "StringLike",
                                            Map.of(
                                                "AWS:SourceArn",
                                                "arn:aws:cloudfront::123456789012:distribution/*")))))),
                    "Version",
                    "2012-10-17")));
  }

  @Test
  void route53PointsTheSiteAtCloudFrontAndHealthChecksItsReadiness() {
    for (String type : List.of("A", "AAAA")) {
      edge.hasResourceProperties(
          "AWS::Route53::RecordSet",
          Map.of(
              "Name",
              "www.silverjems.com.",
              "Type",
              type,
              "AliasTarget",
              Match.objectLike(
                  Map.of(
                      "DNSName",
                      Map.of(
                          "Fn::GetAtt",
                          List.of(Match.stringLikeRegexp("Distribution.*"), "DomainName"))))));
    }
    edge.hasResourceProperties(
        "AWS::Route53::HealthCheck",
        Map.of(
            "HealthCheckConfig",
            Match.objectLike(
                Map.of(
                    "Type", "HTTPS_STR_MATCH",
                    "SearchString", "\"status\":\"UP\"",
                    "FullyQualifiedDomainName", "www.silverjems.com",
                    "ResourcePath", "/actuator/health/readiness",
                    "FailureThreshold", 3))));
  }

  @Test
  void whenTheOriginFailsCloudFrontFailsOverToTheStaticMaintenanceOrigin() {
    edge.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of(
                    "CustomErrorResponses",
                    Match.arrayWith(
                        List.of(
                            Map.of(
                                "ErrorCode", 503,
                                "ResponseCode", 503,
                                "ResponsePagePath", EdgeStack.MAINTENANCE_PAGE,
                                "ErrorCachingMinTTL", 10))),
                    "OriginGroups",
                    Match.objectLike(
                        Map.of(
                            "Quantity",
                            1,
                            "Items",
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "FailoverCriteria",
                                        Map.of(
                                            "StatusCodes",
                                            Map.of(
                                                "Items",
                                                List.of(500, 502, 503, 504),
                                                "Quantity",
                                                4)))))))))));
  }

  @Test
  void theApiGetsAnAllowListOfHeadersWithTheViewerAddressAndNeverTheViewersHost() {
    edge.hasResourceProperties(
        "AWS::CloudFront::OriginRequestPolicy",
        Map.of(
            "OriginRequestPolicyConfig",
            Match.objectLike(
                Map.of(
                    "HeadersConfig",
                    Map.of(
                        "HeaderBehavior",
                        "whitelist",
                        "Headers",
                        Match.arrayWith(List.of("CloudFront-Viewer-Address", "X-XSRF-TOKEN"))),
                    "CookiesConfig",
                    Map.of("CookieBehavior", "all"),
                    "QueryStringsConfig",
                    Map.of("QueryStringBehavior", "all")))));
    assertThat(EdgeStack.API_REQUEST_HEADERS)
        .hasSizeLessThanOrEqualTo(10)
        .noneMatch(h -> h.equalsIgnoreCase("Host") || h.equalsIgnoreCase("Forwarded"));
    edge.hasResourceProperties(
        "AWS::CloudFront::CachePolicy",
        Map.of(
            "CachePolicyConfig",
            Match.objectLike(
                Map.of(
                    "DefaultTTL",
                    0,
                    "ParametersInCacheKeyAndForwardedToOrigin",
                    Match.objectLike(Map.of("HeadersConfig", Map.of("HeaderBehavior", "none")))))));
  }

  @Test
  void theStorefrontRunsTheCleanAddressesFunctionOnViewerRequests() throws java.io.IOException {
    edge.hasResourceProperties(
        "AWS::CloudFront::Function",
        Map.of(
            "FunctionCode",
            java.nio.file.Files.readString(EdgeStack.CLEAN_ADDRESSES_FUNCTION),
            "FunctionConfig",
            Match.objectLike(Map.of("Runtime", "cloudfront-js-2.0"))));
    edge.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of(
                    "DefaultCacheBehavior",
                    Match.objectLike(
                        Map.of(
                            "FunctionAssociations",
                            List.of(
                                Map.of(
                                    "EventType",
                                    "viewer-request",
                                    "FunctionARN",
                                    Match.objectLike(
                                        Map.of(
                                            "Fn::GetAtt",
                                            List.of(
                                                Match.stringLikeRegexp("CleanAddresses.*"),
                                                "FunctionARN")))))))))));
  }
}
