package com.silverjems.shop.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The shop's security: deny by default ({@link ApiAccessRules}), sessions in PostgreSQL (Spring
 * Session JDBC), CSRF for every cookie-authenticated change, problem-detail 401/403, and the
 * security headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SecurityConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  /**
   * The SPA reads the XSRF-TOKEN cookie and echoes it in X-XSRF-TOKEN. The token is plain (not
   * XOR-masked): a header copied from a cookie gives BREACH nothing to compress against.
   */
  @Bean
  CsrfTokenRepository csrfTokenRepository(ServerProperties server) {
    CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
    Boolean secure = server.getServlet().getSession().getCookie().getSecure();
    repository.setCookieCustomizer(
        cookie -> cookie.secure(secure == null || secure).sameSite("Strict").path("/"));
    return repository;
  }

  private static final String AUTHORIZATION_BASE_URI = "/api/auth/oauth2/authorization";

  /**
   * Google must send the browser back to the storefront's public https address. Built from the
   * request (Spring's {@code {baseUrl}}), it would be what the shop sees behind CloudFront: the
   * internal load balancer's name over plain http, which Google refuses.
   */
  private static org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver
      publicRedirectUris(
          org.springframework.security.oauth2.client.registration.ClientRegistrationRepository
              registrations,
          IdentityProperties properties) {
    var resolver =
        new org.springframework.security.oauth2.client.web
            .DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE_URI);
    String base = properties.publicBaseUrl().toString().replaceAll("/+$", "");
    resolver.setAuthorizationRequestCustomizer(
        request ->
            request.attributes(
                attributes ->
                    request.redirectUri(
                        base
                            + "/api/auth/oauth2/code/"
                            + attributes.get(
                                org.springframework.security.oauth2.core.endpoint
                                    .OAuth2ParameterNames.REGISTRATION_ID))));
    return resolver;
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      GoogleSignIn google,
      IdentityProperties properties,
      ObjectMapper json,
      Clock clock,
      Accounts accounts,
      org.springframework.security.oauth2.client.registration.ClientRegistrationRepository
          registrations)
      throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    http.authorizeHttpRequests(
            authorize -> {
              // An error page rendered for a request already judged is not a new request.
              authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
              ApiAccessRules.applyTo(authorize);
            })
        .securityContext(context -> context.securityContextRepository(contexts))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(csrfTokens)
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .ignoringRequestMatchers(ApiAccessRules.csrfExempt()))
        .addFilterAfter(new CsrfCookie(ApiAccessRules.csrfTokenHandedOut()), CsrfFilter.class)
        .addFilterAfter(
            new AdminSessionLifetime(properties.sessions().adminMaxLifetime(), clock, accounts),
            SecurityContextHolderFilter.class)
        .sessionManagement(sessions -> sessions.sessionFixation().changeSessionId())
        // An API answers 401; it does not remember where to send the browser back to.
        .requestCache(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .oauth2Login(
            oauth ->
                oauth
                    // The storefront's own page: no generated login page is served.
                    .loginPage("/sign-in")
                    .authorizationEndpoint(
                        endpoint ->
                            endpoint
                                .baseUri(AUTHORIZATION_BASE_URI)
                                .authorizationRequestResolver(
                                    publicRedirectUris(registrations, properties)))
                    .redirectionEndpoint(endpoint -> endpoint.baseUri("/api/auth/oauth2/code/*"))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(google))
                    .successHandler(google)
                    .failureHandler(google))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(properties.contentSecurityPolicy()))
                    // Always sent: behind CloudFront every request is HTTPS, even when the hop to
                    // the ALB is not, and browsers ignore the header on plain HTTP anyway.
                    .httpStrictTransportSecurity(
                        hsts ->
                            hsts.includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000)
                                .requestMatcher(AnyRequestMatcher.INSTANCE))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy
                                    .STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                    .permissionsPolicyHeader(
                        permissions ->
                            permissions.policy("camera=(), microphone=(), geolocation=()")));
    return http.build();
  }

  /**
   * Makes the deferred CSRF token materialise where the SPA asks for it (the session state), so the
   * XSRF-TOKEN cookie is there before its first change. Nowhere else on a safe request: a public,
   * cacheable response (the catalogue) must not carry a Set-Cookie, and minting a token per
   * anonymous read cost every request a {@code UUID.randomUUID()} behind the JVM-wide SecureRandom
   * lock. Changes need no help: the CSRF filter loads (and, when missing, sets) the token itself.
   */
  private static final class CsrfCookie extends OncePerRequestFilter {
    private final RequestMatcher handsOutToken;

    CsrfCookie(RequestMatcher handsOutToken) {
      this.handsOutToken = handsOutToken;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      if (token != null && handsOutToken.matches(request)) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}
