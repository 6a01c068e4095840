package com.silverjems.routes.email;

import com.silverjems.schema.calls.AdminCallSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** Calls the hub's admin API as the shop does: signed, on behalf of an admin. */
public final class SignedAdminCalls {

  /** The key of {@code src/test/resources/config/application.properties}. */
  public static final String TEST_KEY = "hub-tests-admin-api-signing-key-0123456789";

  public static final String ADMIN = "00000000-0000-0000-0000-0000000000ad";

  private final HttpClient http = HttpClient.newHttpClient();
  private final AdminCallSignature signature = new AdminCallSignature(TEST_KEY);
  private final int port;

  public SignedAdminCalls(int port) {
    this.port = port;
  }

  public HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
    return http.send(signed(method, pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> unsigned(String method, String pathAndQuery) throws Exception {
    return http.send(request(method, pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpRequest.Builder signed(String method, String pathAndQuery) {
    return signedAs(signature, method, pathAndQuery, pathAndQuery, Instant.now().getEpochSecond());
  }

  /**
   * A call to {@code pathAndQuery} on behalf of {@link #ADMIN}, signed as a forger would: with
   * {@code key}, over {@code signedPathAndQuery} (another path than the one called, say), at {@code
   * epochSecond}.
   */
  public HttpRequest.Builder signedAs(
      AdminCallSignature key,
      String method,
      String pathAndQuery,
      String signedPathAndQuery,
      long epochSecond) {
    return request(method, pathAndQuery)
        .header(AdminCallSignature.ACTOR_HEADER, ADMIN)
        .header(AdminCallSignature.TIMESTAMP_HEADER, Long.toString(epochSecond))
        .header(
            AdminCallSignature.SIGNATURE_HEADER,
            key.sign(method, signedPathAndQuery, epochSecond, ADMIN, new byte[0]));
  }

  public HttpRequest.Builder request(String method, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody());
  }

  public HttpClient http() {
    return http;
  }
}
