package com.silverjems.opsctl.ecs;

import com.silverjems.opsctl.CallFailed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * The platform's ECS services (the shop API and each integration route group) as the commands read
 * them. Thread-safe: status describes services in parallel.
 */
public final class EcsPlatform {

  /** DescribeServices and DescribeTasks accept at most this many names per call. */
  private static final int BATCH = 10;

  private final EcsClient ecs;
  private final String cluster;
  private final Map<String, DescribeTaskDefinitionResponse> taskDefinitions =
      new ConcurrentHashMap<>();

  /** The platform's services in this cluster. */
  public EcsPlatform(EcsClient ecs, String cluster) {
    this.ecs = ecs;
    this.cluster = cluster;
  }

  /** The cluster name. */
  public String cluster() {
    return cluster;
  }

  /** The client, for calls this class does not wrap. */
  public EcsClient client() {
    return ecs;
  }

  /**
   * The named services, in the order given; every service of the cluster (sorted by name) when no
   * name is given.
   *
   * @throws ServiceNotFound when a named service is missing or deleted
   */
  public List<Service> services(List<String> names) {
    List<String> wanted = names;
    if (wanted.isEmpty()) {
      wanted =
          ecs.listServicesPaginator(r -> r.cluster(cluster)).serviceArns().stream()
              .map(arn -> arn.substring(arn.lastIndexOf('/') + 1))
              .sorted()
              .toList();
    }
    List<Service> services = new ArrayList<>();
    for (int from = 0; from < wanted.size(); from += BATCH) {
      List<String> batch = wanted.subList(from, Math.min(wanted.size(), from + BATCH));
      DescribeServicesResponse response =
          ecs.describeServices(r -> r.cluster(cluster).services(batch));
      for (Failure failure : response.failures()) {
        String arn = failure.arn() == null ? "?" : failure.arn();
        throw new ServiceNotFound(
            arn.substring(arn.lastIndexOf('/') + 1), cluster, String.valueOf(failure.reason()));
      }
      for (Service service : response.services()) {
        if ("INACTIVE".equals(service.status())) {
          throw new ServiceNotFound(service.serviceName(), cluster, "deleted");
        }
      }
      for (String name : batch) {
        // ECS names each service asked for, in services or in failures; anything else is an
        // answer opsctl cannot trust (a proxy's empty 200, a broken emulator).
        if (response.services().stream().noneMatch(s -> name.equals(s.serviceName()))
            && response.services().stream().noneMatch(s -> name.equals(s.serviceArn()))) {
          throw new CallFailed(
              "ECS",
              "DescribeServices",
              null,
              200,
              null,
              null,
              "the answer does not mention service '" + name + "'",
              null);
        }
      }
      services.addAll(response.services());
    }
    return services;
  }

  /** One service. */
  public Service service(String name) {
    return services(List.of(name)).get(0);
  }

  /**
   * The task definition (with its tags), cached for this run.
   *
   * @throws RevisionNotFound when it does not exist
   */
  public DescribeTaskDefinitionResponse taskDefinition(String arnOrRevision) {
    return taskDefinitions.computeIfAbsent(
        arnOrRevision,
        ref -> {
          try {
            return ecs.describeTaskDefinition(
                r -> r.taskDefinition(ref).include(TaskDefinitionField.TAGS));
          } catch (ClientException e) {
            // ECS answers a missing revision with a generic ClientException.
            throw new RevisionNotFound(ref);
          }
        });
  }

  /** The ACTIVE revisions of exactly this family, newest first. */
  public List<TaskDefinitionRef> revisions(String family) {
    return ecs
        .listTaskDefinitionsPaginator(
            r -> r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE))
        .taskDefinitionArns()
        .stream()
        .map(TaskDefinitionRef::parse)
        // familyPrefix is a prefix: shop-api would also match shop-api-worker.
        .filter(ref -> ref.family().equals(family))
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  /** Tasks of the service with the given desired status, most recently stopped/started first. */
  public List<Task> tasks(String service, DesiredStatus desiredStatus) {
    List<String> arns =
        ecs
            .listTasksPaginator(
                r -> r.cluster(cluster).serviceName(service).desiredStatus(desiredStatus))
            .taskArns()
            .stream()
            .toList();
    List<Task> tasks = new ArrayList<>();
    for (int from = 0; from < arns.size(); from += 100) {
      List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
      tasks.addAll(ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks());
    }
    tasks.sort(
        Comparator.comparing(
            (Task t) -> t.stoppedAt() != null ? t.stoppedAt() : t.startedAt(),
            Comparator.nullsLast(Comparator.reverseOrder())));
    return tasks;
  }
}
