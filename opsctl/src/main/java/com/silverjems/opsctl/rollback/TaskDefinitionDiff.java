package com.silverjems.opsctl.rollback;

import com.silverjems.opsctl.ecs.Images;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What changes between two task definitions, in the terms an engineer checks before a rollback:
 * images, environment variables, secret references (never their values), task size.
 */
final class TaskDefinitionDiff {

  /** One difference; {@code null} on a side means absent there. */
  record Change(String container, String what, String current, String target) {}

  private TaskDefinitionDiff() {}

  static List<Change> between(TaskDefinition current, TaskDefinition target) {
    List<Change> changes = new ArrayList<>();
    compare(changes, "(task)", "cpu", current.cpu(), target.cpu());
    compare(changes, "(task)", "memory", current.memory(), target.memory());
    Map<String, ContainerDefinition> from = byName(current);
    Map<String, ContainerDefinition> to = byName(target);
    TreeSet<String> names = new TreeSet<>(from.keySet());
    names.addAll(to.keySet());
    for (String name : names) {
      ContainerDefinition a = from.get(name);
      ContainerDefinition b = to.get(name);
      if (a == null || b == null) {
        changes.add(
            new Change(
                name,
                "container",
                a == null ? null : Images.shortName(a.image()),
                b == null ? null : Images.shortName(b.image())));
        continue;
      }
      if (!Objects.equals(a.image(), b.image())) {
        changes.add(new Change(name, "image", a.image(), b.image()));
      }
      compareMaps(changes, name, "env ", environment(a), environment(b));
      compareMaps(changes, name, "secret ", secrets(a), secrets(b));
    }
    return changes;
  }

  private static void compare(
      List<Change> changes, String container, String what, String current, String target) {
    if (!Objects.equals(current, target)) {
      changes.add(new Change(container, what, current, target));
    }
  }

  private static void compareMaps(
      List<Change> changes,
      String container,
      String prefix,
      Map<String, String> current,
      Map<String, String> target) {
    TreeSet<String> keys = new TreeSet<>(current.keySet());
    keys.addAll(target.keySet());
    for (String key : keys) {
      compare(changes, container, prefix + key, current.get(key), target.get(key));
    }
  }

  private static Map<String, ContainerDefinition> byName(TaskDefinition definition) {
    Map<String, ContainerDefinition> containers = new LinkedHashMap<>();
    for (ContainerDefinition container : definition.containerDefinitions()) {
      containers.put(container.name(), container);
    }
    return containers;
  }

  private static Map<String, String> environment(ContainerDefinition container) {
    Map<String, String> values = new TreeMap<>();
    for (KeyValuePair pair : container.environment()) {
      values.put(pair.name(), pair.value());
    }
    return values;
  }

  private static Map<String, String> secrets(ContainerDefinition container) {
    Map<String, String> references = new TreeMap<>();
    for (Secret secret : container.secrets()) {
      references.put(secret.name(), secret.valueFrom());
    }
    return references;
  }
}
