package com.silverjems.opsctl.history;

import com.silverjems.opsctl.AwsCommand;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
import com.silverjems.opsctl.Style;
import com.silverjems.opsctl.Table;
import com.silverjems.opsctl.Times;
import com.silverjems.opsctl.ecs.EcsPlatform;
import com.silverjems.opsctl.ecs.Images;
import com.silverjems.opsctl.ecs.TaskDefinitionRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** {@code opsctl history SERVICE}: what was deployed, when, and by whom. */
@Command(
    header = "Deploy history of a service: revisions, images, when and by whom.",
    name = "history",
    description =
        "Deploy history of a service: its task definition revisions, newest first, with image tags, registration time and who or what registered them (the IAM principal, e.g. the release workflow's role). Marks the revision in service and any still being deployed.",
    mixinStandardHelpOptions = true)
public final class HistoryCommand implements Callable<Integer>, AwsCommand {

  private final RunContext context;

  HistoryCommand(RunContext context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The ECS service.")
  String service;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10",
      description = "Revisions to show (default: ${DEFAULT-VALUE}).")
  int limit;

  /** One revision as shown, and as printed with {@code --output json}. */
  record Revision(
      String taskDefinition,
      int revision,
      String status,
      boolean current,
      boolean deploying,
      Instant registeredAt,
      String registeredBy,
      Map<String, String> images,
      Map<String, String> tags) {}

  record History(String cluster, String service, String current, List<Revision> revisions) {}

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be at least 1, not " + limit);
    }
    Output output = context.output();
    EcsPlatform ecs = new EcsPlatform(context.aws().ecs(), context.globals().cluster());
    Service found = ecs.service(service);
    TaskDefinitionRef current = TaskDefinitionRef.parse(found.taskDefinition());
    Set<String> deploying =
        found.deployments().stream()
            .map(d -> TaskDefinitionRef.parse(d.taskDefinition()).toString())
            .filter(ref -> !ref.equals(current.toString()))
            .collect(Collectors.toSet());

    List<Revision> revisions = new ArrayList<>();
    for (TaskDefinitionRef ref : ecs.revisions(current.family()).stream().limit(limit).toList()) {
      DescribeTaskDefinitionResponse described = ecs.taskDefinition(ref.toString());
      TaskDefinition definition = described.taskDefinition();
      Map<String, String> images = new LinkedHashMap<>();
      for (ContainerDefinition container : definition.containerDefinitions()) {
        images.put(container.name(), Images.shortName(container.image()));
      }
      Map<String, String> tags = new LinkedHashMap<>();
      for (Tag tag : described.tags()) {
        tags.put(tag.key(), tag.value());
      }
      revisions.add(
          new Revision(
              ref.toString(),
              ref.revision(),
              definition.statusAsString(),
              ref.equals(current),
              deploying.contains(ref.toString()),
              definition.registeredAt(),
              definition.registeredBy(),
              images,
              tags));
    }
    History history = new History(ecs.cluster(), service, current.toString(), revisions);
    if (output.json()) {
      output.json(history);
      return ExitCode.OK;
    }
    Table table = new Table("REVISION", "IMAGE", "REGISTERED", "BY", "");
    for (Revision revision : revisions) {
      table.row(
          revision.taskDefinition(),
          String.join(",", revision.images().values()),
          revision.registeredAt() == null
              ? null
              : Times.utcAgo(revision.registeredAt(), context.clock()),
          principal(revision.registeredBy()),
          revision.current()
              ? Output.cell("<- in service", Style.GREEN)
              : revision.deploying() ? Output.cell("<- deploying", Style.YELLOW) : "");
    }
    output.line(service + " in cluster " + ecs.cluster() + ": current " + current);
    output.table(table);
    return ExitCode.OK;
  }

  /**
   * The readable part of an IAM principal: {@code assumed-role/github-release/session} rather than
   * the whole ARN.
   */
  static String principal(String arn) {
    if (arn == null) {
      return null;
    }
    int colon = arn.lastIndexOf(':');
    return colon >= 0 && arn.startsWith("arn:") ? arn.substring(colon + 1) : arn;
  }
}
