package com.silverjems.opsctl.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code opsctl status} found, as printed with {@code --output json}. */
record StatusReport(
    String cluster,
    String region,
    boolean healthy,
    List<ServiceReport> services,
    List<ServiceAlarm> platformAlarms,
    List<String> alarmsUnreadable) {

  /** An alarm infra defines for the environment, with its state and since when. */
  record ServiceAlarm(String name, String region, String state, Instant since) {}

  record ServiceReport(
      String service,
      String status,
      boolean healthy,
      List<String> problems,
      int desired,
      int running,
      int pending,
      String taskDefinition,
      Map<String, String> images,
      List<DeploymentReport> deployments,
      CircuitBreaker circuitBreaker,
      DeploymentAlarms deploymentAlarms,
      List<EventReport> events,
      List<TaskReport> unhealthyTasks,
      List<ServiceAlarm> alarms) {}

  record DeploymentReport(
      String id,
      String status,
      String taskDefinition,
      String rolloutState,
      String rolloutStateReason,
      int desired,
      int running,
      int pending,
      int failed,
      Instant createdAt,
      Instant updatedAt) {}

  record CircuitBreaker(boolean enabled, boolean rollback) {}

  record DeploymentAlarms(boolean enabled, boolean rollback, List<AlarmReport> alarms) {}

  record AlarmReport(String name, String state) {}

  record EventReport(Instant at, String message) {}

  record TaskReport(
      String task,
      String taskDefinition,
      String lastStatus,
      String health,
      String stopCode,
      String stoppedReason,
      Instant stoppedAt,
      List<String> containers) {}
}
