package com.silverjems.shop.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

/** The client address is CloudFront's, or the right-most hop: never what the client wrote. */
class ClientAddressesTest {

  @Test
  void cloudFrontsViewerAddressWinsOverAnyForwardedFor() {
    assertThat(
            ClientAddresses.resolve(
                "198.51.100.7:53211", List.of("203.0.113.1, 198.51.100.7, 10.0.1.5"), "10.0.1.5"))
        .isEqualTo("198.51.100.7");
    assertThat(ClientAddresses.resolve("2001:db8::7:443", List.of(), "10.0.1.5"))
        .isEqualTo("2001:db8::7");
  }

  @Test
  void withoutItTheRightMostHopCounts() {
    assertThat(ClientAddresses.resolve(null, List.of("203.0.113.1, 198.51.100.7"), "127.0.0.1"))
        .isEqualTo("198.51.100.7");
    assertThat(ClientAddresses.resolve(null, List.of("203.0.113.1", "198.51.100.8"), "127.0.0.1"))
        .isEqualTo("198.51.100.8");
    assertThat(ClientAddresses.resolve(null, List.of("198.51.100.9"), "127.0.0.1"))
        .isEqualTo("198.51.100.9");
  }

  @Test
  void withNeitherOrWithJunkTheConnectionsAddressCounts() {
    assertThat(ClientAddresses.resolve(null, List.of(), "192.0.2.1")).isEqualTo("192.0.2.1");
    assertThat(ClientAddresses.resolve(null, null, "192.0.2.1")).isEqualTo("192.0.2.1");
    assertThat(ClientAddresses.resolve("not an address", List.of("<script>"), "192.0.2.1"))
        .isEqualTo("192.0.2.1");
    assertThat(ClientAddresses.resolve(null, List.of("198.51.100.1, "), "192.0.2.1"))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void behindSpringsForwardedHeaderFilterTheFilterStillIgnoresTheLeftMostValue() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
    request.setRemoteAddr("10.0.1.5");
    request.addHeader("X-Forwarded-For", "203.0.113.66, 198.51.100.7");
    request.addHeader("Forwarded", "for=203.0.113.67");
    AtomicReference<String> seen = new AtomicReference<>();
    // Boot's order: ForwardedHeaderFilter first (HIGHEST_PRECEDENCE), then ours.
    MockFilterChain chain =
        new MockFilterChain(
            new jakarta.servlet.http.HttpServlet() {
              @Override
              protected void service(
                  HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seen.set(req.getRemoteAddr());
              }
            },
            new ForwardedHeaderFilter(),
            new ClientAddressFilter());

    chain.doFilter(request, new MockHttpServletResponse());

    assertThat(seen).hasValue("198.51.100.7");
  }
}
