package com.silverjems.shop.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route the running shop serves, read from its handler mappings (controllers, actuator
 * endpoints, static resources), not from a list someone keeps by hand.
 */
final class RouteInventory {

  /**
   * One method on one path pattern.
   *
   * @param controller true for a handler method (controllers, actuator), false for a URL handler
   *     (static files)
   */
  record Route(String method, String pattern, boolean controller) {

    /** A concrete path for the pattern: variables filled with plausible values. */
    String samplePath() {
      return pattern
          .replaceAll("\\{\\*[^}]+}", "a/b")
          .replaceAll("\\{[^}]*[iI]d}", "00000000-0000-0000-0000-000000000001")
          .replaceAll("\\{[^}]+}", "sample")
          .replace("**", "a/b")
          .replace("*", "a");
    }

    Optional<ApiAccessRules.Rule> decision() {
      MockHttpServletRequest request = new MockHttpServletRequest(method, samplePath());
      return ApiAccessRules.decisionFor(request);
    }

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  private RouteInventory() {}

  static List<Route> of(ApplicationContext context) {
    Set<Route> routes = new TreeSet<>(Comparator.comparing(Route::toString));
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
        // No method named: the handler answers every method, so check the two that matter.
        List<String> methods =
            declared.isEmpty()
                ? List.of("GET", "POST")
                : declared.stream().map(RequestMethod::name).toList();
        for (String pattern : info.getPatternValues()) {
          methods.forEach(method -> routes.add(new Route(method, pattern, true)));
        }
      }
    }
    for (AbstractUrlHandlerMapping mapping :
        context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
      Map<String, Object> handlers = mapping.getHandlerMap();
      for (String pattern : handlers.keySet()) {
        routes.add(new Route("GET", pattern, false));
      }
    }
    return new ArrayList<>(routes);
  }

  /**
   * Routes without an explicit decision: no rule matches them (deny by default caught them), or a
   * controller route only matches the rule meant for static files.
   */
  static List<Route> undecided(List<Route> routes) {
    return routes.stream()
        .filter(
            route ->
                route
                    .decision()
                    .map(
                        rule ->
                            route.controller()
                                && rule.access() == ApiAccessRules.Access.STATIC_ASSET)
                    .orElse(true))
        .toList();
  }
}
