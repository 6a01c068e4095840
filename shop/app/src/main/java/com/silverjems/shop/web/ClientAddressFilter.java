package com.silverjems.shop.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@code getRemoteAddr()} the client address of {@link ClientAddresses} for everything after
 * it (rate limits, the audit log, logs). Runs right after Spring's ForwardedHeaderFilter (which
 * takes the LEFT-most {@code X-Forwarded-For}, the client's own claim, and hides the header), so it
 * reads the headers of the request as it arrived.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ClientAddressFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest arrived = asArrived(request);
    String address =
        ClientAddresses.resolve(
            arrived.getHeader(ClientAddresses.VIEWER_ADDRESS),
            Collections.list(arrived.getHeaders(ClientAddresses.FORWARDED_FOR)),
            arrived.getRemoteAddr());
    chain.doFilter(
        new HttpServletRequestWrapper(request) {
          @Override
          public String getRemoteAddr() {
            return address;
          }

          @Override
          public String getRemoteHost() {
            return address;
          }
        },
        response);
  }

  /** The container's request under any wrappers earlier filters put around it. */
  private static HttpServletRequest asArrived(HttpServletRequest request) {
    ServletRequest inner = request;
    while (inner instanceof ServletRequestWrapper wrapper
        && wrapper.getRequest() instanceof HttpServletRequest) {
      inner = wrapper.getRequest();
    }
    return (HttpServletRequest) inner;
  }
}
