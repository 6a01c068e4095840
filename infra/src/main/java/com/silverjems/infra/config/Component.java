package com.silverjems.infra.config;

import java.util.Optional;

/**
 * The platform's deployable components: each is one ECS service with its own task role. The three
 * route groups share one image ({@code integration-routes}) and differ only by {@code
 * ROUTES_GROUPS}.
 *
 * <p>The names here are a contract with the release workflows, which deploy the services by these
 * names (a test keeps the two in step).
 */
public enum Component {
  SHOP_API("shop-api", "shop", 8080, null),
  EMAIL("routes-email", "integration-routes", 8081, "email"),
  DELIVERY_EVENTS("routes-delivery-events", "integration-routes", 8081, "delivery-events"),
  IMAGES("routes-images", "integration-routes", 8081, "images");

  private final String serviceName;
  private final String imageRepository;
  private final int containerPort;
  private final String routesGroup;

  Component(String serviceName, String imageRepository, int containerPort, String routesGroup) {
    this.serviceName = serviceName;
    this.imageRepository = imageRepository;
    this.containerPort = containerPort;
    this.routesGroup = routesGroup;
  }

  /** The ECS service name and container name, e.g. {@code routes-email}. */
  public String serviceName() {
    return serviceName;
  }

  /** The ECR repository (without the {@code silverjems/} prefix) holding this component's image. */
  public String imageRepository() {
    return imageRepository;
  }

  public int containerPort() {
    return containerPort;
  }

  /** The value of {@code ROUTES_GROUPS} for an integration-routes service; empty for the shop. */
  public Optional<String> routesGroup() {
    return Optional.ofNullable(routesGroup);
  }

  public String livenessPath() {
    return "/actuator/health/liveness";
  }

  public String readinessPath() {
    return "/actuator/health/readiness";
  }
}
