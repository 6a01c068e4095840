package com.silverjems.observability.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsSelectedMetricsButNotFunctionsLabelsOrNumbers() {
    String expr =
        "(sum by (application) (rate(http_server_requests_seconds_count{uri!~\"/actuator.*\","
            + "outcome=\"SERVER_ERROR\"}[1m])) or sum without (uri) (x_total offset 1w) * 0)"
            + " / clamp_min(sum by (application) (rate(y_total[$__rate_interval])), 1e-9)"
            + " and on (instance) time() - 21 * 86400 > bool aws_cloudfront_5xx_error_rate_average";
    assertThat(PromQl.metricNames(expr))
        .containsExactlyInAnyOrder(
            "http_server_requests_seconds_count",
            "x_total",
            "y_total",
            "aws_cloudfront_5xx_error_rate_average");
  }

  @Test
  void recordingRuleNamesWithColonsAreNames() {
    assertThat(
            PromQl.metricNames(
                "(a:b:rate1m - avg_over_time(a:b:rate1m[2h] offset 23h)) / stddev_over_time(a:b:rate1m[2h] offset 23h)"))
        .containsExactly("a:b:rate1m");
  }

  @Test
  void commentsAreNoNames() {
    assertThat(
            PromQl.metricNames(
                "a_total > 3\n  # Cold start: a fixed guard, \"quoted # text\"\n  or b_total > 5"))
        .containsExactly("a_total", "b_total");
  }

  @Test
  void variableQueriesNameTheirMetric() {
    assertThat(PromQl.variableMetricNames("label_values(pg_up, instance)"))
        .containsExactly("pg_up");
  }
}
