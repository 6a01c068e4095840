package com.silverjems.opsctl.ecs;

/**
 * A task definition revision, {@code family:revision}, parsed from an ARN or the short form.
 *
 * @param family the task definition family
 * @param revision the revision number
 */
public record TaskDefinitionRef(String family, int revision)
    implements Comparable<TaskDefinitionRef> {

  /** Parses {@code arn:aws:ecs:...:task-definition/family:3} or {@code family:3}. */
  public static TaskDefinitionRef parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no task definition revision");
    }
    String name = text.substring(text.lastIndexOf('/') + 1);
    int colon = name.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("not a task definition revision: " + text);
    }
    return new TaskDefinitionRef(
        name.substring(0, colon), Integer.parseInt(name.substring(colon + 1)));
  }

  @Override
  public int compareTo(TaskDefinitionRef other) {
    int byFamily = family.compareTo(other.family);
    return byFamily != 0 ? byFamily : Integer.compare(revision, other.revision);
  }

  @Override
  public String toString() {
    return family + ":" + revision;
  }
}
