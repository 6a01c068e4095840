package com.silverjems.infra.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The two environments of the platform. Change sizes and names here, nowhere else. */
public final class Environments {

  private static final GitHubRepository REPOSITORY =
      new GitHubRepository("silverjems", "silverjems-platform");

  private Environments() {}

  public static List<DeploymentEnvironment> all() {
    return List.of(test(), prod());
  }

  /**
   * The environment whose verified images {@code env} deploys instead of building its own:
   * production promotes the digests the test environment verified (see {@code
   * .github/workflows/deploy.yml}).
   */
  public static Optional<DeploymentEnvironment> promotesFrom(DeploymentEnvironment env) {
    return env.name().equals("prod") ? Optional.of(test()) : Optional.empty();
  }

  /** The environments that promote {@code env}'s verified images, and so may pull them. */
  public static List<DeploymentEnvironment> promotedTo(DeploymentEnvironment env) {
    return all().stream()
        .filter(
            other ->
                promotesFrom(other).map(DeploymentEnvironment::name).orElse("").equals(env.name()))
        .filter(other -> !Objects.equals(other.name(), env.name()))
        .toList();
  }

  public static DeploymentEnvironment test() {
    return new DeploymentEnvironment(
        "test",
        "210987654321",
        "eu-west-1",
        List.of("eu-west-1a", "eu-west-1b"),
        "10.20.0.0/16",
        1,
        "test.silverjems.com",
        "Z0TESTSILVERJEMS00001",
        "test.silverjems.com",
        "pl-4fa04526",
        "test",
        REPOSITORY,
        "platform-alerts+test@silverjems.com",
        new DatabaseSize("t4g.medium", 20, 3, 400),
        "cache.t4g.micro",
        Map.of(
            Component.SHOP_API, new ServiceSize(512, 1024, 2, 4),
            Component.EMAIL, new ServiceSize(256, 1024, 1, 2),
            Component.DELIVERY_EVENTS, new ServiceSize(256, 1024, 1, 2),
            Component.IMAGES, new ServiceSize(512, 2048, 1, 2)),
        14,
        false);
  }

  public static DeploymentEnvironment prod() {
    return new DeploymentEnvironment(
        "prod",
        "123456789012",
        "eu-west-1",
        List.of("eu-west-1a", "eu-west-1b"),
        "10.10.0.0/16",
        2,
        "www.silverjems.com",
        "Z0PRODSILVERJEMS00001",
        "silverjems.com",
        "pl-4fa04526",
        "main",
        REPOSITORY,
        "platform-alerts@silverjems.com",
        new DatabaseSize("m7g.large", 100, 14, 800),
        "cache.m7g.large",
        Map.of(
            Component.SHOP_API, new ServiceSize(1024, 2048, 2, 10),
            Component.EMAIL, new ServiceSize(512, 1024, 2, 4),
            Component.DELIVERY_EVENTS, new ServiceSize(512, 1024, 2, 4),
            Component.IMAGES, new ServiceSize(1024, 4096, 2, 4)),
        90,
        true);
  }
}
