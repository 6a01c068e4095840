package com.silverjems.opsctl.status;

import com.silverjems.opsctl.ecs.EcsPlatform;
import com.silverjems.opsctl.ecs.Images;
import com.silverjems.opsctl.ecs.TaskDefinitionRef;
import com.silverjems.opsctl.status.StatusReport.AlarmReport;
import com.silverjems.opsctl.status.StatusReport.CircuitBreaker;
import com.silverjems.opsctl.status.StatusReport.DeploymentAlarms;
import com.silverjems.opsctl.status.StatusReport.DeploymentReport;
import com.silverjems.opsctl.status.StatusReport.EventReport;
import com.silverjems.opsctl.status.StatusReport.ServiceReport;
import com.silverjems.opsctl.status.StatusReport.TaskReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Looks at one service the way an engineer would: counts, deployments and their rollout, the
 * circuit breaker and deployment alarms, recent events, tasks that are unhealthy or stopped for a
 * reason other than a normal scale-in; and names every problem found.
 */
final class ServiceInspection {

  private final EcsPlatform ecs;
  private final Function<List<String>, Map<String, String>> alarmStates;
  private final int events;
  private final int tasks;

  ServiceInspection(
      EcsPlatform ecs,
      Function<List<String>, Map<String, String>> alarmStates,
      int events,
      int tasks) {
    this.ecs = ecs;
    this.alarmStates = alarmStates;
    this.events = events;
    this.tasks = tasks;
  }

  ServiceReport inspect(Service service) {
    return inspect(service, List.of());
  }

  ServiceReport inspect(Service service, List<StatusReport.ServiceAlarm> alarmsOfService) {
    List<String> problems = new ArrayList<>();
    String name = service.serviceName();
    int desired = orZero(service.desiredCount());
    int running = orZero(service.runningCount());
    if (!"ACTIVE".equals(service.status())) {
      problems.add("service is " + service.status());
    }
    if (running < desired) {
      problems.add(running + " of " + desired + " tasks running");
    }

    List<DeploymentReport> deployments = new ArrayList<>();
    for (Deployment d : service.deployments()) {
      String rollout = d.rolloutStateAsString();
      String taskDefinition = TaskDefinitionRef.parse(d.taskDefinition()).toString();
      deployments.add(
          new DeploymentReport(
              d.id(),
              d.status(),
              taskDefinition,
              rollout,
              d.rolloutStateReason(),
              orZero(d.desiredCount()),
              orZero(d.runningCount()),
              orZero(d.pendingCount()),
              orZero(d.failedTasks()),
              d.createdAt(),
              d.updatedAt()));
      if ("FAILED".equals(rollout)) {
        problems.add(
            "deployment of "
                + taskDefinition
                + " ("
                + d.status()
                + ") FAILED"
                + (d.rolloutStateReason() == null ? "" : ": " + d.rolloutStateReason()));
      } else if ("IN_PROGRESS".equals(rollout) && orZero(d.failedTasks()) > 0) {
        problems.add(
            "deployment of "
                + taskDefinition
                + " in progress with "
                + d.failedTasks()
                + " failed task(s)");
      }
    }

    DeploymentConfiguration configuration = service.deploymentConfiguration();
    CircuitBreaker breaker =
        configuration == null || configuration.deploymentCircuitBreaker() == null
            ? new CircuitBreaker(false, false)
            : new CircuitBreaker(
                Boolean.TRUE.equals(configuration.deploymentCircuitBreaker().enable()),
                Boolean.TRUE.equals(configuration.deploymentCircuitBreaker().rollback()));
    DeploymentAlarms alarms = deploymentAlarms(configuration, problems);

    List<EventReport> recent =
        service.events().stream()
            .limit(events)
            .map(e -> new EventReport(e.createdAt(), e.message()))
            .toList();

    List<TaskReport> unhealthy = unhealthyTasks(name, running, problems);

    String current =
        service.taskDefinition() == null
            ? "-"
            : TaskDefinitionRef.parse(service.taskDefinition()).toString();
    Map<String, String> images = new LinkedHashMap<>();
    if (service.taskDefinition() != null) {
      for (ContainerDefinition container :
          ecs.taskDefinition(service.taskDefinition()).taskDefinition().containerDefinitions()) {
        images.put(container.name(), Images.shortName(container.image()));
      }
    }
    List<String> deploymentAlarmNames = alarms.alarms().stream().map(AlarmReport::name).toList();
    for (StatusReport.ServiceAlarm alarm : alarmsOfService) {
      if ("ALARM".equals(alarm.state()) && !deploymentAlarmNames.contains(alarm.name())) {
        problems.add("alarm " + alarm.name() + " is in ALARM");
      }
    }
    return new ServiceReport(
        name,
        service.status(),
        problems.isEmpty(),
        List.copyOf(problems),
        desired,
        running,
        orZero(service.pendingCount()),
        current,
        images,
        deployments,
        breaker,
        alarms,
        recent,
        unhealthy,
        alarmsOfService);
  }

  private DeploymentAlarms deploymentAlarms(
      DeploymentConfiguration configuration, List<String> problems) {
    if (configuration == null
        || configuration.alarms() == null
        || configuration.alarms().alarmNames().isEmpty()) {
      return new DeploymentAlarms(false, false, List.of());
    }
    List<String> names = configuration.alarms().alarmNames();
    Map<String, String> states = alarmStates.apply(names);
    List<AlarmReport> reports = new ArrayList<>();
    for (String alarm : names) {
      String state = states.getOrDefault(alarm, "MISSING");
      reports.add(new AlarmReport(alarm, state));
      if ("ALARM".equals(state)) {
        problems.add("deployment alarm " + alarm + " is in ALARM");
      }
    }
    return new DeploymentAlarms(
        Boolean.TRUE.equals(configuration.alarms().enable()),
        Boolean.TRUE.equals(configuration.alarms().rollback()),
        reports);
  }

  private List<TaskReport> unhealthyTasks(String service, int running, List<String> problems) {
    if (tasks <= 0) {
      return List.of();
    }
    List<TaskReport> reports = new ArrayList<>();
    long unhealthyRunning = 0;
    // Each call counts at 3 a.m.: a service with nothing running has no running task to look at.
    List<Task> runningTasks = running > 0 ? ecs.tasks(service, DesiredStatus.RUNNING) : List.of();
    for (Task task : runningTasks) {
      if ("UNHEALTHY".equals(task.healthStatusAsString())) {
        unhealthyRunning++;
        reports.add(report(task));
      }
    }
    if (unhealthyRunning > 0) {
      problems.add(unhealthyRunning + " running task(s) UNHEALTHY");
    }
    for (Task task : ecs.tasks(service, DesiredStatus.STOPPED)) {
      boolean seen = reports.stream().anyMatch(r -> task.taskArn().endsWith("/" + r.task()));
      if (!seen && !normalStop(task)) {
        reports.add(report(task));
      }
    }
    return reports.stream().limit(tasks).toList();
  }

  /** Scale-in and replacement during a healthy deployment are how ECS works, not trouble. */
  private static boolean normalStop(Task task) {
    String reason = task.stoppedReason() == null ? "" : task.stoppedReason();
    return reason.startsWith("Scaling activity initiated by")
        || reason.startsWith("Service is being deleted")
        || reason.startsWith("ECS is performing maintenance");
  }

  private static TaskReport report(Task task) {
    List<String> containers = new ArrayList<>();
    for (Container container : task.containers()) {
      StringBuilder text = new StringBuilder(container.name());
      if (container.exitCode() != null) {
        text.append(" exit ").append(container.exitCode());
      }
      if (container.healthStatus() != null && !"UNKNOWN".equals(container.healthStatusAsString())) {
        text.append(' ').append(container.healthStatusAsString());
      }
      if (container.reason() != null) {
        text.append(": ").append(container.reason());
      }
      containers.add(text.toString());
    }
    String arn = task.taskArn();
    return new TaskReport(
        arn.substring(arn.lastIndexOf('/') + 1),
        task.taskDefinitionArn() == null
            ? "-"
            : TaskDefinitionRef.parse(task.taskDefinitionArn()).toString(),
        task.lastStatus(),
        task.healthStatusAsString(),
        task.stopCodeAsString(),
        task.stoppedReason(),
        task.stoppedAt(),
        containers);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
