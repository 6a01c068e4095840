package com.silverjems.opsctl.status;

import com.silverjems.opsctl.AwsCommand;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
import com.silverjems.opsctl.Style;
import com.silverjems.opsctl.Table;
import com.silverjems.opsctl.Times;
import com.silverjems.opsctl.ecs.EcsPlatform;
import com.silverjems.opsctl.status.StatusReport.AlarmReport;
import com.silverjems.opsctl.status.StatusReport.DeploymentReport;
import com.silverjems.opsctl.status.StatusReport.EventReport;
import com.silverjems.opsctl.status.StatusReport.ServiceAlarm;
import com.silverjems.opsctl.status.StatusReport.ServiceReport;
import com.silverjems.opsctl.status.StatusReport.TaskReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/** {@code opsctl status}: is every service of the platform healthy, and if not, why. */
@Command(
    header = "Health of every platform service; exits 1 when something is unhealthy.",
    name = "status",
    description =
        "Health of the platform's ECS services: tasks, deployments and rollout, circuit breaker and deployment alarms, recent events, unhealthy or failed tasks. Exits 1 when anything is unhealthy or a rollout failed.",
    mixinStandardHelpOptions = true)
public final class StatusCommand implements Callable<Integer>, AwsCommand {

  private final RunContext context;

  StatusCommand(RunContext context) {
    this.context = context;
  }

  /**
   * When only some services are asked for, alarms of the other services (named after them) are not
   * platform alarms: infra's service names, kept in step by {@code InfraAlarmNamesTest}.
   */
  /** The platform's components (infra's ComponentService): each has a deployment alarm. */
  static final List<String> COMPONENT_SERVICES =
      List.of("shop-api", "routes-email", "routes-delivery-events", "routes-images");

  /** The monitoring plane (infra's MonitoringService): exporters, the collector and Grafana. */
  static final List<String> MONITORING_SERVICES =
      List.of(
          "monitoring-blackbox-exporter",
          "monitoring-cloudwatch-exporter",
          "monitoring-collector",
          "monitoring-grafana",
          "monitoring-postgres-exporter",
          "monitoring-redis-exporter");

  static final List<String> KNOWN_SERVICES =
      java.util.stream.Stream.concat(COMPONENT_SERVICES.stream(), MONITORING_SERVICES.stream())
          .toList();

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SERVICE",
      arity = "0..*",
      description = "Services to show (default: every service in the cluster).")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "3",
      description = "Recent service events to show per service (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--tasks",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Unhealthy or failed tasks to show per service, 0 to skip looking (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Override
  public Integer call() throws Exception {
    if (events < 0 || tasks < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--events and --tasks take 0 or more, not " + (events < 0 ? events : tasks));
    }
    Output output = context.output();
    EcsPlatform ecs = new EcsPlatform(context.aws().ecs(), context.globals().cluster());
    List<Service> found = ecs.services(services);
    ServiceInspection inspection =
        new ServiceInspection(
            ecs, names -> alarmStates(context.aws().cloudWatch(), names), events, tasks);
    List<String> alarmsUnreadable = new ArrayList<>();
    List<ServiceAlarm> alarms =
        PlatformAlarms.read(context.aws(), ecs.cluster(), output, alarmsUnreadable);
    List<String> serviceNames = new ArrayList<>(KNOWN_SERVICES);
    found.forEach(s -> serviceNames.add(s.serviceName()));
    List<ServiceReport> reports = inspectAll(found, inspection, alarms, ecs.cluster());
    List<ServiceAlarm> platform =
        alarms.stream()
            .filter(a -> PlatformAlarms.owner(a.name(), ecs.cluster(), serviceNames).isEmpty())
            .toList();
    boolean healthy =
        reports.stream().allMatch(ServiceReport::healthy)
            && platform.stream().noneMatch(a -> "ALARM".equals(a.state()));
    StatusReport report =
        new StatusReport(
            ecs.cluster(),
            context.aws().region().id(),
            healthy,
            reports,
            platform,
            alarmsUnreadable);
    if (output.json()) {
      output.json(report);
    } else {
      render(report, output, context.clock());
    }
    return healthy ? ExitCode.OK : ExitCode.FINDINGS;
  }

  /**
   * Services are looked at in parallel: each needs several calls, and 3 a.m. is no time to wait.
   */
  private static List<ServiceReport> inspectAll(
      List<Service> found, ServiceInspection inspection, List<ServiceAlarm> alarms, String cluster)
      throws InterruptedException {
    List<String> names = found.stream().map(Service::serviceName).toList();
    java.util.function.Function<Service, ServiceReport> one =
        service ->
            inspection.inspect(
                service,
                alarms.stream()
                    .filter(
                        a ->
                            PlatformAlarms.owner(a.name(), cluster, names)
                                .filter(service.serviceName()::equals)
                                .isPresent())
                    .toList());
    if (found.size() <= 1) {
      return found.stream().map(one).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(found.size(), 6));
    try {
      List<Future<ServiceReport>> futures = new ArrayList<>();
      for (Service service : found) {
        futures.add(pool.submit(() -> one.apply(service)));
      }
      List<ServiceReport> reports = new ArrayList<>();
      for (Future<ServiceReport> future : futures) {
        try {
          reports.add(future.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new CompletionException(e.getCause());
        }
      }
      return reports;
    } finally {
      pool.shutdownNow();
    }
  }

  static Map<String, String> alarmStates(CloudWatchClient cloudWatch, List<String> names) {
    Map<String, String> states = new HashMap<>();
    DescribeAlarmsResponse response =
        cloudWatch.describeAlarms(
            r -> r.alarmNames(names).alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
    response.metricAlarms().forEach(a -> states.put(a.alarmName(), a.stateValueAsString()));
    response.compositeAlarms().forEach(a -> states.put(a.alarmName(), a.stateValueAsString()));
    return states;
  }

  private static void render(StatusReport report, Output output, Clock clock) {
    Table summary =
        new Table(
            "SERVICE", "HEALTH", "RUNNING", "DESIRED", "PENDING", "TASKDEF", "IMAGE", "ROLLOUT");
    for (ServiceReport service : report.services()) {
      DeploymentReport primary =
          service.deployments().stream()
              .filter(d -> "PRIMARY".equals(d.status()))
              .findFirst()
              .orElse(null);
      summary.row(
          service.service(),
          service.healthy() ? Output.cell("OK", Style.GREEN) : Output.cell("UNHEALTHY", Style.RED),
          service.running(),
          service.desired(),
          service.pending(),
          service.taskDefinition(),
          String.join(",", service.images().values()),
          primary == null ? null : rolloutCell(primary.rolloutState()));
    }
    output.line(
        "cluster "
            + report.cluster()
            + " ("
            + report.region()
            + "): "
            + report.services().size()
            + " service(s)");
    output.table(summary);
    for (ServiceReport service : report.services()) {
      output.line("");
      details(service, output, clock);
    }
    if (!report.platformAlarms().isEmpty()) {
      output.line("");
      output.line("platform alarms (" + report.cluster() + "-*, not of one service):");
      Table alarms = new Table("  ALARM", "REGION", "STATE", "SINCE");
      for (ServiceAlarm alarm : report.platformAlarms()) {
        alarms.row(
            "  " + alarm.name(),
            alarm.region(),
            Output.cell(alarm.state(), "ALARM".equals(alarm.state()) ? Style.RED : Style.NONE),
            Times.utcAgo(alarm.since(), clock));
      }
      output.table(alarms);
    }
    long alarming = report.platformAlarms().stream().filter(a -> "ALARM".equals(a.state())).count();
    output.line("");
    output.line(
        report.healthy()
            ? output.styled("all services healthy", Style.GREEN)
            : output.styled(
                report.services().stream().filter(s -> !s.healthy()).count()
                    + " service(s) unhealthy"
                    + (alarming == 0 ? "" : ", " + alarming + " platform alarm(s) in ALARM"),
                Style.RED));
  }

  private static void details(ServiceReport service, Output output, Clock clock) {
    output.line(
        output.styled(service.service(), Style.BOLD)
            + "  circuit breaker: "
            + (service.circuitBreaker().enabled()
                ? "on" + (service.circuitBreaker().rollback() ? " (rolls back)" : " (no rollback)")
                : "off")
            + "  deployment alarms: "
            + (service.deploymentAlarms().alarms().isEmpty()
                ? "none"
                : (service.deploymentAlarms().enabled() ? "on" : "off")
                    + (service.deploymentAlarms().rollback() ? " (rolls back)" : "")));
    Table deployments =
        new Table(
            "  DEPLOYMENT",
            "STATUS",
            "TASKDEF",
            "ROLLOUT",
            "RUNNING",
            "DESIRED",
            "PENDING",
            "FAILED",
            "CREATED");
    for (DeploymentReport d : service.deployments()) {
      deployments.row(
          "  " + d.id(),
          d.status(),
          d.taskDefinition(),
          rolloutCell(d.rolloutState()),
          d.running(),
          d.desired(),
          d.pending(),
          d.failed(),
          d.createdAt() == null ? null : Times.ago(d.createdAt(), clock));
    }
    output.table(deployments);
    for (DeploymentReport d : service.deployments()) {
      if (d.rolloutStateReason() != null && !"COMPLETED".equals(d.rolloutState())) {
        output.line("  rollout " + d.id() + ": " + d.rolloutStateReason());
      }
    }
    for (ServiceAlarm alarm : service.alarms()) {
      output.line(
          "  alarm "
              + alarm.name()
              + ": "
              + output.styled(alarm.state(), "ALARM".equals(alarm.state()) ? Style.RED : Style.NONE)
              + (alarm.since() == null ? "" : " since " + Times.utcAgo(alarm.since(), clock)));
    }
    for (AlarmReport alarm : service.deploymentAlarms().alarms()) {
      if (service.alarms().stream().anyMatch(a -> a.name().equals(alarm.name()))) {
        continue; // shown above, with since when
      }
      output.line(
          "  alarm "
              + alarm.name()
              + ": "
              + output.styled(
                  alarm.state(), "ALARM".equals(alarm.state()) ? Style.RED : Style.NONE));
    }
    if (!service.events().isEmpty()) {
      output.line("  recent events:");
      for (EventReport event : service.events()) {
        output.line("    " + Times.utc(event.at()) + "  " + event.message());
      }
    }
    if (!service.unhealthyTasks().isEmpty()) {
      output.line("  unhealthy or failed tasks:");
      for (TaskReport task : service.unhealthyTasks()) {
        output.line(
            "    "
                + task.task()
                + "  "
                + task.taskDefinition()
                + "  "
                + task.lastStatus()
                + ("UNHEALTHY".equals(task.health()) ? " UNHEALTHY" : "")
                + (task.stoppedAt() == null
                    ? ""
                    : "  stopped " + Times.ago(task.stoppedAt(), clock))
                + (task.stoppedReason() == null ? "" : "  " + task.stoppedReason()));
        for (String container : task.containers()) {
          output.line("      " + container);
        }
      }
    }
    for (String problem : service.problems()) {
      output.line("  " + output.styled("problem: " + problem, Style.RED));
    }
  }

  private static Object rolloutCell(String state) {
    if (state == null) {
      return null;
    }
    return switch (state) {
      case "COMPLETED" -> Output.cell(state, Style.GREEN);
      case "FAILED" -> Output.cell(state, Style.RED);
      default -> Output.cell(state, Style.YELLOW);
    };
  }
}
