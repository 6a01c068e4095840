package com.silverjems.opsctl.silence;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * Silences in CloudWatch: the alarm's actions are disabled, and since CloudWatch has no notion of
 * "until", the silence (id, end, author, reason) is written as tags on the alarm. Whoever reads the
 * tags after the end re-enables the actions: every opsctl run, and the scheduled {@code silence
 * enforce}.
 */
final class CloudWatchSilences {

  static final String ID = "opsctl:silence-id";
  static final String UNTIL = "opsctl:silenced-until";
  static final String SINCE = "opsctl:silenced-since";
  static final String AUTHOR = "opsctl:silenced-by";
  static final String REASON = "opsctl:silence-reason";
  static final List<String> KEYS = List.of(ID, UNTIL, SINCE, AUTHOR, REASON);

  /** An alarm as far as silencing goes. */
  record Alarm(String name, String arn, boolean actionsEnabled) {}

  private final CloudWatchClient cloudWatch;

  CloudWatchSilences(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  /** The metric and composite alarms named exactly {@code alert}. */
  List<Alarm> find(String alert) {
    DescribeAlarmsResponse response =
        cloudWatch.describeAlarms(
            r -> r.alarmNames(alert).alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
    return alarms(response);
  }

  /** Records the silence on each alarm, then disables its actions. */
  List<SilenceEntry> apply(SilenceRequest silence, List<Alarm> alarms) {
    List<SilenceEntry> applied = new ArrayList<>();
    for (Alarm alarm : alarms) {
      // Tags first: an alarm whose actions are off must always say until when.
      cloudWatch.tagResource(
          r ->
              r.resourceARN(alarm.arn())
                  .tags(
                      tag(ID, silence.id()),
                      tag(UNTIL, silence.endsAt().toString()),
                      tag(SINCE, silence.startsAt().toString()),
                      tag(AUTHOR, silence.author()),
                      tag(REASON, silence.reason())));
      applied.add(
          new SilenceEntry(
              silence.id(),
              alarm.name(),
              "cloudwatch",
              "alarm " + alarm.name(),
              alarm.arn(),
              silence.startsAt(),
              silence.endsAt(),
              silence.author(),
              silence.reason()));
    }
    if (!alarms.isEmpty()) {
      cloudWatch.disableAlarmActions(r -> r.alarmNames(alarms.stream().map(Alarm::name).toList()));
    }
    return applied;
  }

  /** Every alarm whose actions are disabled, with the silence recorded on it if any. */
  List<SilenceEntry> list() {
    List<SilenceEntry> entries = new ArrayList<>();
    List<Alarm> disabled =
        cloudWatch
            .describeAlarmsPaginator(
                r -> r.alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM))
            .stream()
            .flatMap(page -> alarms(page).stream())
            .filter(alarm -> !alarm.actionsEnabled())
            .toList();
    for (Alarm alarm : disabled) {
      Map<String, String> tags =
          cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.arn())).tags().stream()
              .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
      entries.add(
          new SilenceEntry(
              tags.get(ID),
              alarm.name(),
              "cloudwatch",
              "alarm " + alarm.name(),
              alarm.arn(),
              instant(tags.get(SINCE)),
              instant(tags.get(UNTIL)),
              tags.get(AUTHOR),
              tags.get(REASON)));
    }
    return entries;
  }

  /** Re-enables the alarms' actions and removes the silence tags. */
  void expire(List<SilenceEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    cloudWatch.enableAlarmActions(
        r -> r.alarmNames(entries.stream().map(SilenceEntry::alert).toList()));
    for (SilenceEntry entry : entries) {
      cloudWatch.untagResource(r -> r.resourceARN(entry.ref()).tagKeys(KEYS));
    }
  }

  /** Re-enables every opsctl silence that has ended; returns what was re-enabled. */
  List<SilenceEntry> sweep(Instant now) {
    List<SilenceEntry> expired =
        list().stream()
            .filter(SilenceEntry::managed)
            .filter(e -> e.endsAt() != null && !e.endsAt().isAfter(now))
            .toList();
    expire(expired);
    return expired;
  }

  private static List<Alarm> alarms(DescribeAlarmsResponse response) {
    List<Alarm> alarms = new ArrayList<>();
    for (MetricAlarm alarm : response.metricAlarms()) {
      alarms.add(
          new Alarm(
              alarm.alarmName(), alarm.alarmArn(), !Boolean.FALSE.equals(alarm.actionsEnabled())));
    }
    for (CompositeAlarm alarm : response.compositeAlarms()) {
      alarms.add(
          new Alarm(
              alarm.alarmName(), alarm.alarmArn(), !Boolean.FALSE.equals(alarm.actionsEnabled())));
    }
    return alarms;
  }

  /**
   * CloudWatch tag values allow only letters, digits, spaces and {@code _ . : / = + - @}, at most
   * 256 characters; anything else in a reason becomes a space (the full text is kept in
   * Alertmanager and Zabbix).
   */
  static Tag tag(String key, String value) {
    String allowed = value.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", " ").strip();
    return Tag.builder()
        .key(key)
        .value(allowed.length() > 256 ? allowed.substring(0, 256) : allowed)
        .build();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
