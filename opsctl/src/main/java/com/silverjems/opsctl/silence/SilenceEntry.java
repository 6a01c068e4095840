package com.silverjems.opsctl.silence;

import java.time.Instant;

/**
 * One silence as one alerting system holds it: a disabled CloudWatch alarm, an Alertmanager
 * silence, a Zabbix maintenance. {@code managed} ones were made by opsctl and carry its silence id;
 * others were made by hand and are listed so nobody forgets them.
 *
 * @param id the opsctl silence id, null when not made by opsctl
 * @param alert the alert (alarm name, alertname, trigger name)
 * @param backend cloudwatch, alertmanager or zabbix
 * @param target what exactly is silenced there (alarm, matcher, hosts)
 * @param ref the backend's own identifier (alarm ARN, silence id, maintenance id)
 * @param endsAt when it ends, null when it never ends by itself
 */
record SilenceEntry(
    String id,
    String alert,
    String backend,
    String target,
    String ref,
    Instant startsAt,
    Instant endsAt,
    String author,
    String reason) {

  boolean managed() {
    return id != null;
  }
}
