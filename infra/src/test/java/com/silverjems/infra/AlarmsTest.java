package com.silverjems.infra;

import com.silverjems.infra.config.DeploymentEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Every alarm the issue lists exists, as code, and notifies someone. */
class AlarmsTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final DeploymentEnvironment prod = platform.prod().environment();
  private static final Template observability = platform.template(platform.prod().observability());
  private static final Template edge = platform.template(platform.prod().edge());

  @Test
  void ecsTaskStateChangesRaiseAnAlarmThroughEventBridge() {
    observability.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "EventPattern",
            Map.of(
                "source", List.of("aws.ecs"),
                "detail-type", List.of("ECS Task State Change"),
                "detail",
                    Match.objectLike(
                        Map.of(
                            "lastStatus", List.of("STOPPED"),
                            "stopCode", List.of("EssentialContainerExited", "TaskFailedToStart")))),
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("Alarms.*")))))));
    observability.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "EventPattern",
            Match.objectLike(
                Map.of(
                    "detail-type", List.of("ECS Deployment State Change"),
                    "detail", Map.of("eventName", List.of("SERVICE_DEPLOYMENT_FAILED"))))));
  }

  @Test
  void api5xxAndLatencyUseAnomalyBandsSustainedForThreeOneMinutePeriods() {
    for (String[] alarm :
        List.of(
            new String[] {"api-5xx", "HTTPCode_Target_5XX_Count"},
            new String[] {"alb-5xx", "HTTPCode_ELB_5XX_Count"},
            new String[] {"api-latency-p99", "TargetResponseTime"})) {
      Object band =
          Match.objectLike(
              Map.of("Expression", Match.stringLikeRegexp("ANOMALY_DETECTION_BAND\\(m0, 3\\)")));
      Object metric =
          Match.objectLike(
              Map.of(
                  "MetricStat",
                  Match.objectLike(
                      Map.of(
                          "Period",
                          60,
                          "Metric",
                          Match.objectLike(Map.of("MetricName", alarm[1]))))));
      observability.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of(
              "AlarmName",
              prod.prefix() + "-" + alarm[0],
              "ComparisonOperator",
              "GreaterThanUpperThreshold",
              "EvaluationPeriods",
              3,
              "DatapointsToAlarm",
              3,
              "ThresholdMetricId",
              Match.anyValue(),
              "AlarmActions",
              Match.anyValue(),
              "Metrics",
              Match.arrayWith(List.of(band, metric))));
    }
  }

  @Test
  void sesBounceAndComplaintRatesAlarmBeforeAwsReviewsTheAccount() {
    for (String metric : List.of("Reputation.BounceRate", "Reputation.ComplaintRate")) {
      observability.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of("Namespace", "AWS/SES", "MetricName", metric, "AlarmActions", Match.anyValue()));
    }
  }

  @Test
  void rdsConnectionsAndReplicationLagAreWatched() {
    observability.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace",
            "AWS/RDS",
            "MetricName",
            "DatabaseConnections",
            "Threshold",
            640,
            "EvaluationPeriods",
            3));
    observability.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace", "AWS/RDS",
            "MetricName", "ReplicaLag",
            "Dimensions",
                List.of(Map.of("Name", "DBInstanceIdentifier", "Value", Match.anyValue()))));
  }

  @Test
  void redisMemoryAndEvictionsAreWatchedOnEveryMember() {
    for (String member : List.of("silverjems-prod-cache-001", "silverjems-prod-cache-002")) {
      for (String metric : List.of("DatabaseMemoryUsagePercentage", "Evictions")) {
        observability.hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Map.of(
                "Namespace",
                "AWS/ElastiCache",
                "MetricName",
                metric,
                "Dimensions",
                List.of(Map.of("Name", "CacheClusterId", "Value", member))));
      }
    }
  }

  @Test
  void cloudFrontCacheHitRatioDropIsAnAnomalyBelowTheBand() {
    edge.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "ComparisonOperator",
            "LessThanLowerThreshold",
            "EvaluationPeriods",
            3,
            "Metrics",
            Match.arrayWith(
                List.of(
                    Match.objectLike(
                        Map.of(
                            "MetricStat",
                            Match.objectLike(
                                Map.of(
                                    "Metric",
                                    Match.objectLike(
                                        Map.of(
                                            "MetricName", "CacheHitRate",
                                            "Namespace", "AWS/CloudFront"))))))))));
    edge.resourceCountIs("AWS::CloudFront::MonitoringSubscription", 1);
  }

  @Test
  void certificateExpiryWithinThirtyDaysRaisesAnAlarmFromAcmsEvent() {
    edge.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "EventPattern",
            Map.of(
                "source", List.of("aws.acm"),
                "detail-type", List.of("ACM Certificate Approaching Expiration"),
                "resources", List.of(Map.of("Ref", Match.stringLikeRegexp("Certificate.*"))),
                "detail", Map.of("DaysToExpiry", List.of(Map.of("numeric", List.of("<=", 30))))),
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("EdgeAlarms.*")))))));
  }

  @Test
  void theSitesRoute53HealthCheckPages() {
    edge.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace", "AWS/Route53",
            "MetricName", "HealthCheckStatus",
            "ComparisonOperator", "LessThanThreshold",
            "EvaluationPeriods", 3));
  }
}
