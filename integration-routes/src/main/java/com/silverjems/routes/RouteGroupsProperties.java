package com.silverjems.routes;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which route groups this JVM runs. In production each ECS service runs one group from the same
 * image ({@code ROUTES_GROUPS=email}); the local run runs them all.
 */
@ConfigurationProperties("routes")
public record RouteGroupsProperties(Set<RouteGroup> groups) {

  public RouteGroupsProperties {
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException(
          "routes.groups is empty: set ROUTES_GROUPS to one or more of "
              + EnumSet.allOf(RouteGroup.class));
    }
    groups = Set.copyOf(groups);
  }

  public boolean runs(RouteGroup group) {
    return groups.contains(group);
  }

  /** The route groups of the hub; each is one ECS service in production. */
  public enum RouteGroup {
    EMAIL,
    DELIVERY_EVENTS,
    IMAGES
  }
}
