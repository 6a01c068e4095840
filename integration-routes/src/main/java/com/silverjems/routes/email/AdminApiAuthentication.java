package com.silverjems.routes.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.ConditionalOnRouteGroup;
import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import com.silverjems.schema.calls.AdminCallSignature;
import com.silverjems.schema.calls.AdminCallSignature.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through to {@code /api/admin/**} only calls the shop signed ({@link AdminCallSignature}),
 * and answers everything else 401 before any controller runs. The hub's port is also closed to all
 * but the shop's security group; this is the second wall, the one a misconfigured security group or
 * a compromised neighbour in the VPC does not get through.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRouteGroup({RouteGroup.EMAIL, RouteGroup.DELIVERY_EVENTS})
@EnableConfigurationProperties(AdminApiProperties.class)
class AdminApiAuthentication {

  /** The admin API's prefix; {@code HubRouteInventoryIT} checks every route under it is signed. */
  static final String PREFIX = "/api/admin/";

  /** Admin calls carry no real bodies; a larger one is not the shop's. */
  private static final int MAX_BODY = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(AdminApiAuthentication.class);

  @Bean
  FilterRegistrationBean<SignedCallsOnly> signedAdminCallsOnly(
      AdminApiProperties properties, ObjectMapper json) {
    FilterRegistrationBean<SignedCallsOnly> registration =
        new FilterRegistrationBean<>(
            new SignedCallsOnly(properties.signature(), json, Clock.systemUTC()));
    registration.addUrlPatterns(PREFIX + "*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static final class SignedCallsOnly extends OncePerRequestFilter {

    private final AdminCallSignature signature;
    private final ObjectMapper json;
    private final Clock clock;

    SignedCallsOnly(AdminCallSignature signature, ObjectMapper json, Clock clock) {
      this.signature = signature;
      this.json = json;
      this.clock = clock;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      String path = request.getRequestURI();
      String pathAndQuery =
          request.getQueryString() == null ? path : path + "?" + request.getQueryString();
      String actor = request.getHeader(AdminCallSignature.ACTOR_HEADER);
      Verdict verdict =
          body.length > MAX_BODY
              ? Verdict.WRONG
              : signature.verify(
                  request.getMethod(),
                  pathAndQuery,
                  request.getHeader(AdminCallSignature.TIMESTAMP_HEADER),
                  actor,
                  body,
                  request.getHeader(AdminCallSignature.SIGNATURE_HEADER),
                  clock.instant());
      if (verdict != Verdict.VALID) {
        log.warn(
            "Refused {} {} from {}: {}",
            request.getMethod(),
            path,
            request.getRemoteAddr(),
            verdict.reason());
        refuse(response, verdict);
        return;
      }
      // Who did it, for the hub's own log next to the shop's audit entry.
      log.info("Admin call {} {} on behalf of account {}", request.getMethod(), path, actor);
      chain.doFilter(new WithBody(request, body), response);
    }

    private void refuse(HttpServletResponse response, Verdict verdict) throws IOException {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", "Unauthorized");
      problem.put("status", 401);
      problem.put(
          "detail",
          "The email hub's admin API answers only calls signed by the shop: "
              + verdict.reason()
              + ".");
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType("application/problem+json");
      response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
  }

  /** The request with its body already read (to check its digest), readable again. */
  private static final class WithBody extends HttpServletRequestWrapper {
    private final byte[] body;

    WithBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }
      };
    }
  }
}
