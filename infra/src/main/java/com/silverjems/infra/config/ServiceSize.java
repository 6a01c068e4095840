package com.silverjems.infra.config;

/**
 * How big one component runs: Fargate task size and the autoscaling bounds.
 *
 * @param cpu Fargate CPU units (256, 512, 1024, ...)
 * @param memoryMiB task memory; the JVM sizes its heap from it (MaxRAMPercentage in the image)
 * @param minTasks never fewer tasks than this (2 or more keeps a service alive through an AZ loss)
 * @param maxTasks autoscaling ceiling, which also bounds the bill
 */
public record ServiceSize(int cpu, int memoryMiB, int minTasks, int maxTasks) {

  public ServiceSize {
    if (minTasks < 1 || maxTasks < minTasks) {
      throw new IllegalArgumentException(
          "autoscaling bounds must satisfy 1 <= min <= max, got " + minTasks + ".." + maxTasks);
    }
    if (memoryMiB < 512) {
      throw new IllegalArgumentException("a Spring Boot task needs at least 512 MiB");
    }
  }
}
