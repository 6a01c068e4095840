package com.silverjems.routes.images;

import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when {@code routes.groups} contains {@code images}: in production only the images ECS
 * service runs this group, and the other services never need its buckets or settings.
 */
final class ImagesRouteGroupEnabled implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return Binder.get(context.getEnvironment())
        .bind("routes.groups", Bindable.setOf(RouteGroup.class))
        .orElse(Set.of())
        .contains(RouteGroup.IMAGES);
  }
}
