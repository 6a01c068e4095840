package com.silverjems.infra.parity;

import com.silverjems.infra.InfraApp;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.config.Environments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The platform as {@code cdk synth} writes it ({@code target/cdk.out}), read as CloudFormation: the
 * ECS task definitions with each container's environment and secrets, and the resources their
 * values point at (through {@code Ref}, {@code Fn::GetAtt}, {@code Fn::ImportValue}, {@code
 * Fn::Join}). Nothing here repeats a value of the infra code.
 */
final class DeployedTemplates {

  private final List<Stack> stacks = new ArrayList<>();

  private DeployedTemplates(CloudAssembly assembly, List<DeploymentEnvironment> environments) {
    for (CloudFormationStackArtifact artifact : assembly.getStacksRecursively()) {
      DeploymentEnvironment env =
          environments.stream()
              .filter(e -> artifact.getStackName().startsWith(e.prefix() + "-"))
              .findFirst()
              .orElseThrow();
      stacks.add(new Stack(env, artifact.getStackName(), asMap(artifact.getTemplate())));
    }
  }

  static DeployedTemplates synthesise() {
    App app = InfraApp.newApp("target/cdk.out", Environments.all());
    InfraApp.compose(app, Environments.all());
    return new DeployedTemplates(app.synth(), Environments.all());
  }

  /** Every ECS task definition of every environment, with its one container. */
  List<TaskDefinition> taskDefinitions() {
    List<TaskDefinition> result = new ArrayList<>();
    for (Stack stack : stacks) {
      stack
          .resources()
          .forEach(
              (logicalId, resource) -> {
                if (!"AWS::ECS::TaskDefinition".equals(asMap(resource).get("Type"))) {
                  return;
                }
                Map<String, Object> properties = asMap(asMap(resource).get("Properties"));
                for (Object definition : asList(properties.get("ContainerDefinitions"))) {
                  Map<String, Object> container = asMap(definition);
                  Map<String, Object> environment = new LinkedHashMap<>();
                  for (Object entry : asList(container.getOrDefault("Environment", List.of()))) {
                    environment.put((String) asMap(entry).get("Name"), asMap(entry).get("Value"));
                  }
                  Map<String, Object> secrets = new LinkedHashMap<>();
                  for (Object entry : asList(container.getOrDefault("Secrets", List.of()))) {
                    secrets.put((String) asMap(entry).get("Name"), asMap(entry).get("ValueFrom"));
                  }
                  result.add(
                      new TaskDefinition(
                          stack,
                          logicalId,
                          String.valueOf(properties.get("Family")),
                          Integer.parseInt(String.valueOf(properties.get("Memory"))),
                          (String) container.get("Name"),
                          container.get("Image"),
                          environment,
                          secrets));
                }
              });
    }
    return result;
  }

  /** The resource a {@code Ref}/{@code Fn::GetAtt} names, following cross-stack exports. */
  Resource resource(Stack stack, String logicalId) {
    Object resource = stack.resources().get(logicalId);
    if (resource == null) {
      throw new IllegalArgumentException(stack.name() + " has no resource " + logicalId);
    }
    return new Resource(
        stack,
        logicalId,
        (String) asMap(resource).get("Type"),
        asMap(asMap(resource).getOrDefault("Properties", Map.of())));
  }

  /** The value an export of the same environment stands for, and the stack that defines it. */
  Exported exported(DeploymentEnvironment env, String exportName) {
    for (Stack stack : stacks) {
      if (stack.env() != env) {
        continue;
      }
      for (Object output : asMap(stack.template().getOrDefault("Outputs", Map.of())).values()) {
        Object export = asMap(output).get("Export");
        if (export != null && exportName.equals(asMap(export).get("Name"))) {
          return new Exported(stack, asMap(output).get("Value"));
        }
      }
    }
    throw new IllegalArgumentException("no stack of " + env.name() + " exports " + exportName);
  }

  /** Resources of one type in all stacks of an environment. */
  List<Resource> resourcesOfType(DeploymentEnvironment env, String type) {
    List<Resource> result = new ArrayList<>();
    for (Stack stack : stacks) {
      if (stack.env() == env) {
        stack
            .resources()
            .forEach(
                (id, resource) -> {
                  if (type.equals(asMap(resource).get("Type"))) {
                    result.add(resource(stack, id));
                  }
                });
      }
    }
    return result;
  }

  Optional<Stack> stack(String name) {
    return stacks.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  record Stack(DeploymentEnvironment env, String name, Map<String, Object> template) {
    Map<String, Object> resources() {
      return asMap(template.get("Resources"));
    }
  }

  record Resource(Stack stack, String logicalId, String type, Map<String, Object> properties) {
    String property(String name) {
      Object value = properties.get(name);
      return value instanceof String text ? text : null;
    }
  }

  record Exported(Stack stack, Object value) {}

  /** One container of a task definition, its values still CloudFormation expressions. */
  record TaskDefinition(
      Stack stack,
      String logicalId,
      String family,
      int memoryMiB,
      String containerName,
      Object image,
      Map<String, Object> environment,
      Map<String, Object> secrets) {
    DeploymentEnvironment env() {
      return stack.env();
    }

    @Override
    public String toString() {
      return family + " (" + containerName + ")";
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return (List<Object>) value;
  }
}
