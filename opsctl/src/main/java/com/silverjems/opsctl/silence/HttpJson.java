package com.silverjems.opsctl.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** JSON over HTTP for Alertmanager and Zabbix, with their failures turned into exit codes. */
final class HttpJson {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String system;
  private final Optional<String> bearerToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpJson(String system, Optional<String> bearerToken) {
    this.system = system;
    this.bearerToken = bearerToken;
  }

  JsonNode send(String method, URI uri, Object body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
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
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(system + " at " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendFailed(system + " request interrupted");
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new BackendFailed(
          ExitCode.AUTH, system + " refused the credentials (HTTP " + status + ") at " + uri);
    }
    if (status == 404 && "DELETE".equals(method)) {
      throw new BackendFailed(ExitCode.NOT_FOUND, system + ": " + uri.getPath() + " not found");
    }
    if (status == 429) {
      throw new BackendFailed(ExitCode.THROTTLED, system + " throttled the request (HTTP 429)");
    }
    if (status / 100 != 2) {
      throw new BackendFailed(
          system
              + " answered HTTP "
              + status
              + " to "
              + method
              + " "
              + uri.getPath()
              + ": "
              + firstLine(response.body()));
    }
    if (response.body() == null || response.body().isBlank()) {
      return Json.mapper().nullNode();
    }
    try {
      return Json.mapper().readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new BackendFailed(
          system + " answered something that is not JSON: " + firstLine(response.body()));
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
