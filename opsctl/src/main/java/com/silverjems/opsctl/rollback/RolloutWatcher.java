package com.silverjems.opsctl.rollback;

import com.silverjems.opsctl.Durations;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.ecs.EcsPlatform;
import com.silverjems.opsctl.ecs.TaskDefinitionRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Follows a deployment until ECS says it is done, printing progress on stderr when it changes. Says
 * so plainly when the deployment failed or the circuit breaker replaced it: a rollback that was
 * itself rolled back is a failure, never a success.
 */
final class RolloutWatcher {

  private final EcsPlatform ecs;
  private final Output output;

  RolloutWatcher(EcsPlatform ecs, Output output) {
    this.ecs = ecs;
    this.output = output;
  }

  /**
   * Waits for the deployment of {@code target} to complete.
   *
   * @param deploymentId the deployment UpdateService started, when ECS named it
   * @throws RollbackFailed when the deployment failed or was replaced
   * @throws RollbackTimedOut when it was still going at the timeout
   */
  String await(
      String serviceName,
      TaskDefinitionRef target,
      Optional<String> deploymentId,
      Duration timeout,
      Duration pollInterval)
      throws InterruptedException {
    long start = System.nanoTime();
    String lastProgress = null;
    while (true) {
      Service service = ecs.service(serviceName);
      Optional<Deployment> ours =
          service.deployments().stream()
              .filter(
                  d ->
                      deploymentId.map(id -> id.equals(d.id())).orElse(false)
                          || deploymentId.isEmpty()
                              && TaskDefinitionRef.parse(d.taskDefinition()).equals(target))
              .findFirst();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      TaskDefinitionRef now = TaskDefinitionRef.parse(service.taskDefinition());
      if (ours.isEmpty()) {
        throw new RollbackFailed(
            now.equals(target)
                ? "rollback of "
                    + serviceName
                    + " to "
                    + target
                    + " UNCONFIRMED: ECS no longer lists deployment "
                    + deploymentId.orElse("(unnamed)")
                    + " and names "
                    + target
                    + " as the service's task definition, but opsctl could not see the rollout"
                    + " finish; check 'opsctl status "
                    + serviceName
                    + "'"
                : "rollback of "
                    + serviceName
                    + " to "
                    + target
                    + " FAILED: ECS replaced deployment "
                    + deploymentId.orElse("(unnamed)")
                    + " with another; "
                    + serviceName
                    + " now runs "
                    + now
                    + lastEvents(service));
      }
      Deployment deployment = ours.get();
      String progress =
          deployment.rolloutStateAsString()
              + "  running "
              + deployment.runningCount()
              + "/"
              + deployment.desiredCount()
              + ", pending "
              + deployment.pendingCount()
              + ", failed "
              + deployment.failedTasks();
      if (!progress.equals(lastProgress)) {
        output.progress("[" + Durations.format(elapsed) + "] " + target + "  " + progress);
        lastProgress = progress;
      }
      Optional<Deployment> primary =
          service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
      if ("FAILED".equals(deployment.rolloutStateAsString())
          || !"PRIMARY".equals(deployment.status())) {
        String runs =
            primary
                .map(d -> TaskDefinitionRef.parse(d.taskDefinition()).toString())
                .orElse("unknown");
        boolean rolledBack = primary.isPresent() && !primary.get().id().equals(deployment.id());
        throw new RollbackFailed(
            "rollback to "
                + target
                + " FAILED"
                + (deployment.rolloutStateReason() == null
                    ? ""
                    : ": " + deployment.rolloutStateReason())
                + (rolledBack
                    ? "; the circuit breaker put the service back on " + runs
                    : "; ECS stopped deployment " + deployment.id())
                + "; "
                + serviceName
                + " now runs "
                + runs
                + lastEvents(service));
      }
      if (completed(service, deployment)) {
        String sentence =
            "rolled back "
                + serviceName
                + " to "
                + target
                + ": ECS completed deployment "
                + deployment.id()
                + "; "
                + serviceName
                + " now runs "
                + target;
        output.progress(
            "[" + Durations.format(elapsed) + "] " + serviceName + " is stable on " + target);
        output.progress(sentence);
        return sentence;
      }
      if (elapsed.compareTo(timeout) >= 0) {
        throw new RollbackTimedOut(
            "rollback to "
                + target
                + " still "
                + deployment.rolloutStateAsString()
                + " after "
                + Durations.format(timeout)
                + " (ECS carries on); follow it with 'opsctl status "
                + serviceName
                + "'");
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  private static boolean completed(Service service, Deployment deployment) {
    if (deployment.rolloutState() != null) {
      return "COMPLETED".equals(deployment.rolloutStateAsString());
    }
    // Services without rollout state (older deployment controllers): steady when alone and full.
    return service.deployments().size() == 1
        && deployment.runningCount() != null
        && deployment.runningCount().equals(deployment.desiredCount());
  }

  private static String lastEvents(Service service) {
    List<String> messages =
        service.events().stream().limit(2).map(e -> e.message()).collect(Collectors.toList());
    return messages.isEmpty() ? "" : " (latest events: " + String.join(" | ", messages) + ")";
  }
}
