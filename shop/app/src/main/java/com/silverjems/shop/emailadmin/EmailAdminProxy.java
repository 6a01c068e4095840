package com.silverjems.shop.emailadmin;

import com.silverjems.schema.calls.AdminCallSignature;
import com.silverjems.shop.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
 * {@code /api/admin/**} request — forwards exactly that path, and nothing else, to it, signed
 * ({@link AdminCallSignature}) on behalf of the admin: the hub answers nothing unsigned. Each
 * suppression lift and dead-letter re-drive the hub accepts is written to the admin audit log.
 */
@RestController
@RequestMapping("/api/admin/email")
class EmailAdminProxy {

  private static final String PREFIX = "/api/admin/email";

  private final EmailHubProperties properties;
  private final RestClient hub;
  private final AdminCallSignature signature;
  private final AuditLog audit;
  private final TransactionTemplate transaction;

  EmailAdminProxy(
      EmailHubProperties properties,
      RestClient.Builder builder,
      AuditLog audit,
      PlatformTransactionManager transactions) {
    this.properties = properties;
    this.signature =
        properties.url() == null ? null : new AdminCallSignature(properties.signingKey());
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
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
    String actor = request.getUserPrincipal().getName();
    long now = Instant.now().getEpochSecond();
    String pathAndQuery = path + (query == null ? "" : "?" + query);
    try {
      ResponseEntity<byte[]> answer =
          hub.method(method)
              .uri(target)
              .header(AdminCallSignature.ACTOR_HEADER, actor)
              .header(AdminCallSignature.TIMESTAMP_HEADER, Long.toString(now))
              .header(
                  AdminCallSignature.SIGNATURE_HEADER,
                  signature.sign(method.name(), pathAndQuery, now, actor, new byte[0]))
              .retrieve()
              .toEntity(byte[].class);
      if (answer.getStatusCode().is2xxSuccessful() && method != HttpMethod.GET) {
        recordChange(actor, method, path);
      }
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

  /**
   * The hub changed something on the admin's behalf: a lifted suppression (DELETE
   * .../suppressions/{email}) or a re-driven dead letter (POST .../dead-letters/{id}/redrive).
   */
  private void recordChange(String actor, HttpMethod method, String path) {
    String[] parts = path.substring(PREFIX.length() + 1).split("/");
    String kind = parts[0];
    String id = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    String action =
        switch (kind) {
          case "suppressions" -> "email.suppression-lifted";
          case "dead-letters" -> "email.dead-letter-redriven";
          default -> "email." + kind + "." + method.name().toLowerCase(Locale.ROOT);
        };
    transaction.executeWithoutResult(
        status ->
            audit.record(
                actor,
                action,
                "suppressions".equals(kind) ? "email_suppression" : "email_dead_letter",
                id,
                null,
                Map.of("via", "email hub", "path", path)));
  }
}
