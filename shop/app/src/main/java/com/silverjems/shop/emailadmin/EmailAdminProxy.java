package com.silverjems.shop.emailadmin;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The admin's email deliverability page talks to the email hub through the shop: the hub's admin
 * API ({@code /api/admin/email/...}: suppressions, dead letters, re-drive) is reachable only inside
 * the VPC and authenticates nobody, so the shop — which has checked password and TOTP for every
 * {@code /api/admin/**} request — forwards exactly that path, and nothing else, to it.
 */
@RestController
@RequestMapping("/api/admin/email")
class EmailAdminProxy {

  private static final String PREFIX = "/api/admin/email";

  private final EmailHubProperties properties;
  private final RestClient hub;

  EmailAdminProxy(EmailHubProperties properties, RestClient.Builder builder) {
    this.properties = properties;
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(properties.timeout());
    requests.setReadTimeout(properties.timeout());
    this.hub =
        builder
            .requestFactory(requests)
            // The hub's answers, errors included, go back to the admin as they are.
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build();
  }

  @GetMapping("/**")
  ResponseEntity<byte[]> read(HttpServletRequest request) {
    return forward(HttpMethod.GET, request);
  }

  @PostMapping("/**")
  ResponseEntity<byte[]> act(HttpServletRequest request) {
    return forward(HttpMethod.POST, request);
  }

  @DeleteMapping("/**")
  ResponseEntity<byte[]> remove(HttpServletRequest request) {
    return forward(HttpMethod.DELETE, request);
  }

  private ResponseEntity<byte[]> forward(HttpMethod method, HttpServletRequest request) {
    if (properties.url() == null) {
      throw new EmailHubUnavailable(
          "Email administration is not set up on this server (silverjems.email-hub.url).", null);
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // Only the hub's email admin API, never a way round to its other endpoints (encoded dots and
    // slashes are refused earlier, by Spring Security's firewall).
    if (!path.startsWith(PREFIX + "/") || path.contains("..") || path.contains("//")) {
      throw new NotAnEmailAdminPath(path);
    }
    String query = request.getQueryString();
    URI target =
        URI.create(
            properties.url().toString().replaceAll("/+$", "")
                + path
                + (query == null ? "" : "?" + query));
    try {
      ResponseEntity<byte[]> answer =
          hub.method(method).uri(target).retrieve().toEntity(byte[].class);
      ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.getStatusCode());
      if (answer.getHeaders().getContentType() != null) {
        response.contentType(answer.getHeaders().getContentType());
      }
      return response.body(answer.getBody());
    } catch (ResourceAccessException e) {
      throw new EmailHubUnavailable(
          "The email service did not answer. Nothing was changed; try again in a minute.", e);
    }
  }
}
