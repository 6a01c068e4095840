package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ACM expiry alarm's horizon is the seed's 30 days, like Prometheus's TLS rule and the Zabbix
 * trigger: the synthesized EventBridge pattern is evaluated against ACM's daily "Approaching
 * Expiration" event with 31 days left (no alarm) and 29 days left (alarm).
 */
class CertificateExpiryHorizonTest {

  private final Map<String, Object> pattern = acmExpiryPattern();

  @Test
  void thirtyOneDaysLeftRaisesNothing() {
    assertThat(matches(pattern, 31)).isFalse();
  }

  @Test
  void twentyNineDaysLeftRaisesTheAlarm() {
    assertThat(matches(pattern, 29)).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> acmExpiryPattern() {
    SynthesisedPlatform platform = SynthesisedPlatform.get();
    Map<String, Map<String, Object>> rules =
        platform
            .template(platform.prod().edge())
            .findResources(
                "AWS::Events::Rule",
                Map.of(
                    "Properties",
                    Map.of(
                        "EventPattern",
                        Map.of("detail-type", List.of("ACM Certificate Approaching Expiration")))));
    assertThat(rules).hasSize(1);
    Map<String, Object> properties =
        (Map<String, Object>) rules.values().iterator().next().get("Properties");
    return (Map<String, Object>) properties.get("EventPattern");
  }

  /**
   * EventBridge's matching of {@code detail.DaysToExpiry} for the content filters a numeric field
   * can carry: exact values and {@code numeric} comparisons (each pair ANDed, filters ORed).
   */
  @SuppressWarnings("unchecked")
  private static boolean matches(Map<String, Object> pattern, int daysToExpiry) {
    Map<String, Object> detail = (Map<String, Object>) pattern.get("detail");
    List<Object> filters = (List<Object>) detail.get("DaysToExpiry");
    assertThat(filters).as("the pattern filters on DaysToExpiry").isNotEmpty();
    for (Object filter : filters) {
      if (filter instanceof Number exact && exact.doubleValue() == daysToExpiry) {
        return true;
      }
      if (filter instanceof Map<?, ?> map && map.containsKey("numeric")) {
        List<Object> numeric = (List<Object>) map.get("numeric");
        boolean all = true;
        for (int i = 0; i < numeric.size(); i += 2) {
          double bound = ((Number) numeric.get(i + 1)).doubleValue();
          all &=
              switch ((String) numeric.get(i)) {
                case "<" -> daysToExpiry < bound;
                case "<=" -> daysToExpiry <= bound;
                case ">" -> daysToExpiry > bound;
                case ">=" -> daysToExpiry >= bound;
                case "=" -> daysToExpiry == bound;
                default -> throw new AssertionError("unknown numeric operator " + numeric.get(i));
              };
        }
        if (all) {
          return true;
        }
      }
    }
    return false;
  }
}
