package com.silverjems.opsctl.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.opsctl.CallFailed;
import com.silverjems.opsctl.Failures;
import com.silverjems.opsctl.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * JSON over HTTP for Alertmanager and Zabbix. Every way a call can fail (no connection, no answer
 * in time, an error status, a body that is not the JSON asked for) becomes a {@link CallFailed}
 * naming the system and the operation, which {@link Failures} words and maps to an exit code.
 */
final class HttpJson {

  private static final List<String> REQUEST_ID_HEADERS =
      List.of("X-Request-Id", "X-Grafana-Request-Id", "X-Amzn-RequestId");

  private final String system;
  private final Optional<String> bearerToken;
  private final Duration timeout;
  private final HttpClient http;

  HttpJson(String system, Optional<String> bearerToken, Duration timeout) {
    this.system = system;
    this.bearerToken = bearerToken;
    this.timeout = timeout;
    Duration connect =
        timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5);
    this.http = HttpClient.newBuilder().connectTimeout(connect).build();
  }

  /**
   * Sends the request and reads the JSON answer.
   *
   * @param operation what the call does, as the error line names it (e.g. {@code trigger.get})
   * @param emptyAllowed whether an empty answer is right (Alertmanager answers DELETE with none)
   */
  JsonNode send(
      String operation,
      String method,
      URI uri,
      Object body,
      String contentType,
      boolean emptyAllowed) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request
            .header("Content-Type", contentType)
            .method(
                method,
                HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    String target = uri.getScheme() + "://" + uri.getAuthority();
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CallFailed(
          system, operation, target, null, null, null, String.valueOf(e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed(system, operation, target, null, null, null, "interrupted", e);
    }
    int status = response.statusCode();
    String requestId =
        REQUEST_ID_HEADERS.stream()
            .map(h -> response.headers().firstValue(h))
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(null);
    String text = response.body();
    if (status / 100 != 2) {
      throw new CallFailed(
          system, operation, target, status, requestId, null, errorMessage(text), null);
    }
    if (text == null || text.isBlank()) {
      if (emptyAllowed) {
        return Json.mapper().nullNode();
      }
      throw new CallFailed(
          system, operation, target, status, requestId, null, "empty answer, JSON expected", null);
    }
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new CallFailed(
          system,
          operation,
          target,
          status,
          requestId,
          null,
          "answer is not JSON: " + Failures.snippet(text),
          e);
    }
  }

  /** The error's own words: Alertmanager and Grafana answer errors as JSON or plain text. */
  private static String errorMessage(String text) {
    if (text == null || text.isBlank()) {
      return "empty answer";
    }
    try {
      JsonNode json = Json.mapper().readTree(text);
      for (String field : List.of("message", "error", "msg")) {
        if (json.path(field).isTextual()) {
          return json.path(field).asText();
        }
      }
    } catch (JsonProcessingException notJson) {
      // An HTML page or plain text: shown as such.
    }
    return Failures.snippet(text);
  }

  /** The system's name, e.g. for an answer of the wrong shape. */
  CallFailed wrongShape(String operation, URI uri, String what) {
    return new CallFailed(
        system,
        operation,
        uri.getScheme() + "://" + uri.getAuthority(),
        200,
        null,
        null,
        "unexpected answer: " + what,
        null);
  }
}
