package com.silverjems.routes;

import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Creates the annotated configuration or bean only when {@code routes.groups} names the group, so a
 * service that runs another group neither starts these routes nor needs their settings.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnRouteGroup.OnRouteGroup.class)
public @interface ConditionalOnRouteGroup {

  /** The groups of which at least one must be configured. */
  RouteGroup[] value();

  /** Reads {@code routes.groups} with the same relaxed binding as {@link RouteGroupsProperties}. */
  final class OnRouteGroup implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Map<String, Object> attributes =
          metadata.getAnnotationAttributes(ConditionalOnRouteGroup.class.getName());
      RouteGroup[] wanted =
          attributes == null ? new RouteGroup[0] : (RouteGroup[]) attributes.get("value");
      Set<RouteGroup> configured =
          Binder.get(context.getEnvironment())
              .bind("routes.groups", Bindable.setOf(RouteGroup.class))
              .orElse(Set.of());
      for (RouteGroup group : wanted) {
        if (configured.contains(group)) {
          return true;
        }
      }
      return false;
    }
  }
}
