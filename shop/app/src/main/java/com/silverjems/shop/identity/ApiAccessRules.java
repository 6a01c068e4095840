package com.silverjems.shop.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what: the one list (CONTRIBUTING.md, "HTTP API of the shop"). A request that no rule
 * matches is denied; the route-inventory test fails for any registered route without a rule here,
 * so adding an endpoint forces a decision about it.
 */
final class ApiAccessRules {

  /** Which sessions a rule lets through. */
  enum Access {
    /** Anyone, no session needed. */
    PUBLIC,
    /** Static storefront and admin UI files: never a controller route. */
    STATIC_ASSET,
    /** A shopper's session (admins who passed MFA are shoppers too). */
    SHOPPER,
    /** An admin session that passed password and TOTP. */
    ADMIN,
    /** An admin who gave the password and must now give a code. */
    MFA_PENDING,
    /** An admin who gave the password and has no second factor yet. */
    MFA_ENROLMENT
  }

  /** One decision: requests matching {@code matcher} need {@code access}. */
  record Rule(String name, RequestMatcher matcher, Access access) {}

  private static final PathPatternRequestMatcher.Builder PATHS =
      PathPatternRequestMatcher.withDefaults();

  static final List<Rule> RULES =
      List.of(
          rule(
              "catalogue",
              Access.PUBLIC,
              HttpMethod.GET,
              "/api/categories",
              "/api/categories/**",
              "/api/products",
              "/api/products/**"),
          // Before the public cart rule (first match decides): merging an anonymous cart into
          // one's own needs whose cart that is.
          rule("cart merge", Access.SHOPPER, HttpMethod.POST, "/api/cart/*/merge"),
          rule(
              "cart and guest checkout",
              Access.PUBLIC,
              null,
              "/api/cart",
              "/api/cart/**",
              "/api/checkout",
              "/api/checkout/**"),
          // Authenticated by the provider's signature, not by a session (and exempt from CSRF).
          rule("payment webhook", Access.PUBLIC, HttpMethod.POST, "/api/payments/webhook"),
          // The local provider's "pay" button: registered only with
          // silverjems.payments.provider=local (the local run), never in production. It pays an
          // intent the guest checkout just created, so it is as public as that checkout.
          rule(
              "local payment provider",
              Access.PUBLIC,
              HttpMethod.POST,
              "/api/payments/local/intents/*/pay"),
          rule(
              "API description",
              Access.PUBLIC,
              HttpMethod.GET,
              "/api/openapi",
              "/api/openapi.yaml"),
          rule("second factor", Access.MFA_PENDING, HttpMethod.POST, "/api/auth/mfa/verify"),
          rule(
              "second factor enrolment",
              Access.MFA_ENROLMENT,
              HttpMethod.POST,
              "/api/auth/mfa/enrolment",
              "/api/auth/mfa/enrolment/confirm"),
          rule(
              "session state",
              Access.PUBLIC,
              HttpMethod.GET,
              "/api/auth/session",
              "/api/auth/csrf"),
          rule(
              "sign-up, sign-in, sign-out, reset",
              Access.PUBLIC,
              HttpMethod.POST,
              "/api/auth/register",
              "/api/auth/email-verification",
              "/api/auth/login",
              "/api/auth/logout",
              "/api/auth/password-reset",
              "/api/auth/password-reset/confirm"),
          // The link's 256-bit token is the credential: no session exists yet.
          rule(
              "accepting an admin invitation",
              Access.PUBLIC,
              HttpMethod.POST,
              "/api/auth/admin-invitation"),
          rule("Google sign-in", Access.PUBLIC, HttpMethod.GET, "/api/auth/oauth2/**"),
          rule(
              "shopper's own data",
              Access.SHOPPER,
              null,
              "/api/account",
              "/api/account/**",
              "/api/orders",
              "/api/orders/**"),
          rule("admin API", Access.ADMIN, null, "/api/admin", "/api/admin/**"),
          // Reachable only inside the VPC (CloudFront forwards /api/* alone): probes and scraping.
          rule(
              "health and metrics",
              Access.PUBLIC,
              HttpMethod.GET,
              "/actuator/health",
              "/actuator/health/**",
              "/actuator/info",
              "/actuator/prometheus"),
          // Generated from the catalogue (storefront.SearchEngineFiles); CloudFront routes both
          // here.
          rule("search engine files", Access.PUBLIC, HttpMethod.GET, "/sitemap.xml", "/robots.txt"),
          // Spring Boot's error page, rendered after an error in any request.
          rule("error page", Access.PUBLIC, null, "/error"),
          new Rule("storefront and admin UI files", staticAssets(), Access.STATIC_ASSET));

  private ApiAccessRules() {}

  /** The rule deciding {@code request}, or empty when it falls through to "deny". */
  static Optional<Rule> decisionFor(HttpServletRequest request) {
    return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
  }

  static void applyTo(
      AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
    for (Rule rule : RULES) {
      registry.requestMatchers(rule.matcher()).access(manager(rule.access()));
    }
    registry.anyRequest().denyAll();
  }

  static AuthorizationManager<RequestAuthorizationContext> manager(Access access) {
    return switch (access) {
      case PUBLIC, STATIC_ASSET ->
          (authentication, context) ->
              new org.springframework.security.authorization.AuthorizationDecision(true);
      case SHOPPER -> AuthorityAuthorizationManager.hasAuthority(Authorities.SHOPPER);
      case ADMIN ->
          AuthorizationManagers.allOf(
              AuthenticatedAuthorizationManager.fullyAuthenticated(),
              AuthorityAuthorizationManager.hasAuthority(Authorities.ADMIN),
              AuthorityAuthorizationManager.hasAuthority(Authorities.MFA_AUTHENTICATED));
      case MFA_PENDING -> AuthorityAuthorizationManager.hasAuthority(Authorities.MFA_REQUIRED);
      case MFA_ENROLMENT ->
          AuthorityAuthorizationManager.hasAuthority(Authorities.MFA_ENROLMENT_REQUIRED);
    };
  }

  /** Requests that are CSRF-exempt: the payment webhook carries no cookie, only a signature. */
  static RequestMatcher csrfExempt() {
    return PATHS.matcher(HttpMethod.POST, "/api/payments/webhook");
  }

  /**
   * Safe requests whose answer hands out the XSRF-TOKEN cookie: the session state the SPA reads
   * first, and the token endpoint itself. Every other read leaves cookies alone.
   */
  static RequestMatcher csrfTokenHandedOut() {
    return new OrRequestMatcher(
        PATHS.matcher(HttpMethod.GET, "/api/auth/session"),
        PATHS.matcher(HttpMethod.GET, "/api/auth/csrf"));
  }

  private static Rule rule(String name, Access access, HttpMethod method, String... patterns) {
    List<RequestMatcher> matchers = new ArrayList<>();
    for (String pattern : patterns) {
      matchers.add(PATHS.matcher(method, pattern));
    }
    return new Rule(name, new OrRequestMatcher(matchers), access);
  }

  /** GET/HEAD outside /api and /actuator: the files of the storefront and admin single pages. */
  private static RequestMatcher staticAssets() {
    return request -> {
      String method = request.getMethod();
      String path = request.getRequestURI().substring(request.getContextPath().length());
      return ("GET".equals(method) || "HEAD".equals(method))
          && !path.equals("/api")
          && !path.startsWith("/api/")
          && !path.equals("/actuator")
          && !path.startsWith("/actuator/");
    };
  }
}
