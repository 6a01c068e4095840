package com.silverjems.opsctl.status;

import com.silverjems.opsctl.AwsClients;
import com.silverjems.opsctl.Failures;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.status.StatusReport.ServiceAlarm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Every CloudWatch alarm infra defines for the environment, found by the names infra gives them:
 * {@code <environment prefix>-<name>}, where the prefix is the cluster's name ({@code
 * silverjems-prod}). An alarm named {@code <prefix>-<service>-...} (e.g. {@code
 * silverjems-prod-shop-api-deployment}) belongs to that ECS service; the others ({@code -api-5xx},
 * {@code -ses-bounce-rate}, {@code -rds-connections}, ...) to the platform as a whole. The edge
 * alarms (CloudFront, Route 53 health check) live in us-east-1 and are read there too. {@code
 * InfraAlarmNamesTest} reads the synthesized templates so that this convention and infra's names
 * cannot drift apart.
 */
final class PlatformAlarms {

  /** CloudFront's metrics, and so the edge stack's alarms, exist only here. */
  static final Region EDGE = Region.US_EAST_1;

  private PlatformAlarms() {}

  /**
   * The environment's alarms in the platform's region and in us-east-1, sorted by name. A region
   * whose alarms cannot be read is warned about and left out: ECS's view is worth showing anyway.
   *
   * @param unreadable receives one line per region that could not be read
   */
  static List<ServiceAlarm> read(
      AwsClients aws, String cluster, Output output, List<String> unreadable) {
    Set<Region> regions = new LinkedHashSet<>(List.of(aws.region(), EDGE));
    List<ServiceAlarm> alarms = new ArrayList<>();
    for (Region region : regions) {
      try {
        alarms.addAll(read(aws.cloudWatch(region), region, prefix(cluster)));
      } catch (RuntimeException e) {
        String line = Failures.describe(e) + " (" + region.id() + ")";
        unreadable.add(line);
        output.warn("alarms in " + region.id() + " not shown: " + line);
      }
    }
    alarms.sort(Comparator.comparing(ServiceAlarm::name));
    return alarms;
  }

  static List<ServiceAlarm> read(CloudWatchClient cloudWatch, Region region, String prefix) {
    List<ServiceAlarm> alarms = new ArrayList<>();
    cloudWatch
        .describeAlarmsPaginator(
            r ->
                r.alarmNamePrefix(prefix)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM))
        .forEach(
            page ->
                // Only the environment's, even from an endpoint that ignores the prefix.
                Stream.concat(
                        page.metricAlarms().stream().map(a -> alarm(region, a)),
                        page.compositeAlarms().stream().map(a -> alarm(region, a)))
                    .filter(a -> a.name() != null && a.name().startsWith(prefix))
                    .forEach(alarms::add));
    return alarms;
  }

  private static ServiceAlarm alarm(Region region, MetricAlarm a) {
    return new ServiceAlarm(
        a.alarmName(), region.id(), a.stateValueAsString(), a.stateUpdatedTimestamp());
  }

  private static ServiceAlarm alarm(Region region, CompositeAlarm a) {
    return new ServiceAlarm(
        a.alarmName(), region.id(), a.stateValueAsString(), a.stateUpdatedTimestamp());
  }

  /** The prefix of every alarm name of the environment this cluster belongs to. */
  static String prefix(String cluster) {
    return cluster + "-";
  }

  /**
   * The service the alarm belongs to, by name: the longest service name {@code s} such that the
   * alarm is named {@code <cluster>-<s>-...}; empty for a platform-wide alarm.
   */
  static Optional<String> owner(String alarm, String cluster, List<String> services) {
    return services.stream()
        .filter(s -> alarm.startsWith(prefix(cluster) + s + "-"))
        .max(Comparator.comparingInt(String::length));
  }
}
