package com.silverjems.opsctl.rollback;

import com.silverjems.opsctl.AwsCommand;
import com.silverjems.opsctl.ChangeOptions;
import com.silverjems.opsctl.Confirmation;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Failures;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
import com.silverjems.opsctl.Style;
import com.silverjems.opsctl.Table;
import com.silverjems.opsctl.WaitOptions;
import com.silverjems.opsctl.ecs.EcsPlatform;
import com.silverjems.opsctl.ecs.RevisionNotFound;
import com.silverjems.opsctl.ecs.TaskDefinitionRef;
import com.silverjems.opsctl.rollback.TaskDefinitionDiff.Change;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/** {@code opsctl rollback SERVICE}: put a service back on an earlier task definition revision. */
@Command(
    header = "Roll a service back to an earlier revision, safely.",
    name = "rollback",
    description =
        "Roll a service back to an earlier task definition revision (default: the one before the current). Shows the image and environment diff, asks you to type the service name, then waits until ECS reports the deployment COMPLETED, with progress on stderr. A rollback that fails or that the circuit breaker undoes exits 6; one still running at --timeout exits 7.",
    mixinStandardHelpOptions = true)
public final class RollbackCommand implements Callable<Integer>, AwsCommand {

  private final RunContext context;

  RollbackCommand(RunContext context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Mixin ChangeOptions change;

  @Mixin WaitOptions waiting;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The ECS service.")
  String service;

  @Option(
      names = "--to",
      paramLabel = "REVISION",
      description = "Target revision: a number (41) or family:revision (default: the one before).")
  String to;

  record Plan(
      String cluster,
      String service,
      String from,
      String to,
      List<Change> changes,
      boolean deploymentInProgress) {}

  /**
   * What happened, as printed with {@code --output json} (also when the rollback failed).
   *
   * @param outcome dry-run, started, completed, failed or timed-out
   * @param message the one sentence saying what ECS did and what runs now
   */
  record Result(Plan plan, String outcome, String deployment, String message) {}

  @Override
  public Integer call() throws InterruptedException {
    Output output = context.output();
    EcsPlatform ecs = new EcsPlatform(context.aws().ecs(), context.globals().cluster());
    Service found = ecs.service(service);
    TaskDefinitionRef current = TaskDefinitionRef.parse(found.taskDefinition());
    TaskDefinitionRef target = target(ecs, current);
    if (target.equals(current)) {
      output.progress(service + " already runs " + current + "; nothing to do");
      return ExitCode.OK;
    }
    DescribeTaskDefinitionResponse targetDefinition = ecs.taskDefinition(target.toString());
    DescribeTaskDefinitionResponse currentDefinition = ecs.taskDefinition(found.taskDefinition());
    boolean inProgress =
        found.deployments().size() > 1
            || found.deployments().stream()
                .anyMatch(d -> "IN_PROGRESS".equals(d.rolloutStateAsString()));
    Plan plan =
        new Plan(
            ecs.cluster(),
            service,
            current.toString(),
            target.toString(),
            TaskDefinitionDiff.between(
                currentDefinition.taskDefinition(), targetDefinition.taskDefinition()),
            inProgress);
    if (!output.json()) {
      render(plan, output);
    }
    boolean inactive = "INACTIVE".equals(targetDefinition.taskDefinition().statusAsString());
    if (inactive) {
      output.warn(
          target
              + " is INACTIVE (deregistered): ECS still runs it, but it is not meant to be deployed again");
    }
    if (change.dryRun()) {
      output.progress("dry run: nothing changed");
      return finish(output, new Result(plan, "dry-run", null, "dry run: nothing changed"));
    }
    Confirmation.require(
        change, context.environment(), output, "roll back " + service + " to " + target, service);
    if (inactive) {
      Confirmation.requireAgain(
          context.environment(),
          output,
          "roll back to the INACTIVE revision " + target,
          target.toString());
    }
    try {
      return rollBack(ecs, output, plan, target, targetDefinition);
    } catch (RuntimeException | InterruptedException e) {
      if (output.json()) {
        output.json(
            new Result(
                plan,
                e instanceof RollbackTimedOut ? "timed-out" : "failed",
                null,
                Failures.describe(e)));
      }
      throw e;
    }
  }

  private int rollBack(
      EcsPlatform ecs,
      Output output,
      Plan plan,
      TaskDefinitionRef target,
      DescribeTaskDefinitionResponse targetDefinition)
      throws InterruptedException {
    UpdateServiceResponse updated =
        ecs.client()
            .updateService(
                r ->
                    r.cluster(ecs.cluster())
                        .service(service)
                        .taskDefinition(targetDefinition.taskDefinition().taskDefinitionArn()));
    Optional<String> deployment =
        updated.service().deployments().stream()
            .filter(d -> "PRIMARY".equals(d.status()))
            .filter(d -> TaskDefinitionRef.parse(d.taskDefinition()).equals(target))
            .map(Deployment::id)
            .findFirst();
    output.progress(
        "rollback of "
            + service
            + " to "
            + target
            + " started"
            + deployment.map(id -> " (deployment " + id + ")").orElse(""));
    if (!waiting.waitForIt()) {
      output.progress("not waiting (--no-wait); follow it with 'opsctl status " + service + "'");
      return finish(
          output,
          new Result(plan, "started", deployment.orElse(null), "rollback started, not waiting"));
    }
    String sentence =
        new RolloutWatcher(ecs, output)
            .await(service, target, deployment, waiting.timeout(), waiting.pollInterval());
    return finish(output, new Result(plan, "completed", deployment.orElse(null), sentence));
  }

  private static int finish(Output output, Result result) {
    if (output.json()) {
      output.json(result);
    }
    return ExitCode.OK;
  }

  private TaskDefinitionRef target(EcsPlatform ecs, TaskDefinitionRef current) {
    if (to != null) {
      String text = to.strip();
      if (text.matches("\\d{1,9}")) {
        return new TaskDefinitionRef(current.family(), Integer.parseInt(text));
      }
      TaskDefinitionRef named;
      try {
        named = TaskDefinitionRef.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(),
            "--to takes a revision number or family:revision, not '" + to + "'");
      }
      if (!named.family().equals(current.family())) {
        throw new ParameterException(
            spec.commandLine(),
            "--to "
                + to
                + " is another family; "
                + service
                + " runs task definitions of family "
                + current.family());
      }
      return named;
    }
    return ecs.revisions(current.family()).stream()
        .filter(ref -> ref.revision() < current.revision())
        .findFirst()
        .orElseThrow(
            () -> new RevisionNotFound("before " + current + " (no earlier ACTIVE revision)"));
  }

  private static void render(Plan plan, Output output) {
    output.line(
        "Roll back "
            + output.styled(plan.service(), Style.BOLD)
            + " in cluster "
            + plan.cluster()
            + ": "
            + plan.from()
            + " -> "
            + output.styled(plan.to(), Style.BOLD));
    if (plan.changes().isEmpty()) {
      output.line("  no image, environment or size difference");
    } else {
      Table table = new Table("  CONTAINER", "CHANGE", "CURRENT", "AFTER ROLLBACK");
      for (Change change : plan.changes()) {
        table.row(
            "  " + change.container(),
            change.what(),
            Output.cell(change.current() == null ? "(none)" : change.current(), Style.RED),
            Output.cell(change.target() == null ? "(none)" : change.target(), Style.GREEN));
      }
      output.table(table);
    }
    if (plan.deploymentInProgress()) {
      output.warn("a deployment is in progress; the rollback replaces it");
    }
  }
}
