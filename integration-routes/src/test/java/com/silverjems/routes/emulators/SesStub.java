package com.silverjems.routes.emulators;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * SES (API version 2010-12-01, the AWS Query protocol the SDK's SesClient speaks) stubbed with
 * WireMock, answering exactly as SES does: SendRawEmailResponse with a fresh MessageId, and
 * ErrorResponse documents for Throttling (400, Sender), MessageRejected (400) and
 * ServiceUnavailable (503).
 */
public final class SesStub implements AutoCloseable {

  static final String SEND_RAW_OK =
      """
      <SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
        <SendRawEmailResult>
          <MessageId>010201{{randomValue length=10 type='HEXADECIMAL' lowercase=true}}-{{randomValue type='UUID'}}-000000</MessageId>
        </SendRawEmailResult>
        <ResponseMetadata>
          <RequestId>{{randomValue type='UUID'}}</RequestId>
        </ResponseMetadata>
      </SendRawEmailResponse>
      """;

  private final WireMockServer server;

  private SesStub(WireMockServer server) {
    this.server = server;
  }

  /** A stub on a free loopback port that accepts every SendRawEmail. */
  public static SesStub start() {
    AwsTestCredentials.install();
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(32)
                // A chunked answer ends with a tiny last write that Nagle holds back for the
                // client's delayed ACK: 40 ms per send. SES answers with Content-Length anyway.
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true));
    server.start();
    SesStub stub = new SesStub(server);
    stub.reset();
    return stub;
  }

  /** Same, but keeping every request: for tests that count what was sent. */
  public static SesStub startRecording() {
    AwsTestCredentials.install();
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(32)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .stubRequestLoggingDisabled(true));
    server.start();
    SesStub stub = new SesStub(server);
    stub.reset();
    return stub;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Back to accepting everything, with an empty journal. */
  public void reset() {
    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=SendRawEmail"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withHeader("x-amzn-RequestId", "{{randomValue type='UUID'}}")
                    .withBody(SEND_RAW_OK)
                    .withTransformers("response-template")));
  }

  /** The next {@code times} sends get SES's Throttling error, then sends succeed again. */
  public void throttleNext(int times) {
    for (int i = 0; i < times; i++) {
      server.stubFor(
          post(urlEqualTo("/"))
              .inScenario("throttling")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "throttled-" + i)
              .willSetStateTo("throttled-" + (i + 1))
              .atPriority(1)
              .willReturn(error(400, "Sender", "Throttling", "Maximum sending rate exceeded.")));
    }
  }

  /** Sends to this address get MessageRejected, as for an unverified address in the sandbox. */
  public void rejectRecipient(String email) {
    server.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(
                containing(
                    "Destinations.member.1=" + URLEncoder.encode(email, StandardCharsets.UTF_8)))
            .atPriority(2)
            .willReturn(
                error(
                    400,
                    "Sender",
                    "MessageRejected",
                    "Email address is not verified. The following identities failed the check in"
                        + " region EU-WEST-1: "
                        + email)));
  }

  /** Every send gets 503 ServiceUnavailable until {@link #reset()}. */
  public void failEverySend() {
    server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(3)
            .willReturn(error(503, "Receiver", "ServiceUnavailable", "Service is unavailable.")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String type, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(
            """
            <ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
              <Error>
                <Type>%s</Type>
                <Code>%s</Code>
                <Message>%s</Message>
              </Error>
              <RequestId>7d4c3a1e-2b1f-4c8e-9a6d-0f5e4b3c2a1d</RequestId>
            </ErrorResponse>
            """
                .formatted(type, code, message));
  }

  /** Every SendRawEmail SES accepted (answered 200), decoded. */
  public List<SentMail> accepted() {
    List<SentMail> mails = new ArrayList<>();
    for (var event : server.getAllServeEvents()) {
      if (event.getResponse().getStatus() == 200
          && event.getRequest().getBodyAsString().contains("Action=SendRawEmail")) {
        mails.add(SentMail.decode(event.getRequest()));
      }
    }
    return mails;
  }

  /** When each accepted SendRawEmail arrived, in arrival order (the stand-in's clock). */
  public List<java.time.Instant> acceptedAt() {
    List<java.time.Instant> times = new ArrayList<>();
    for (var event : server.getAllServeEvents()) {
      if (event.getResponse().getStatus() == 200
          && event.getRequest().getBodyAsString().contains("Action=SendRawEmail")) {
        times.add(event.getRequest().getLoggedDate().toInstant());
      }
    }
    times.sort(null);
    return times;
  }

  /** Every SendRawEmail request, whatever the answer. */
  public int sendAttempts() {
    return server.findAll(postRequestedFor(urlEqualTo("/"))).size();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** One email as SES received it. */
  public record SentMail(String destination, MimeMessage message) {

    static SentMail decode(LoggedRequest request) {
      Map<String, String> form = new HashMap<>();
      for (String pair : request.getBodyAsString().split("&")) {
        int equals = pair.indexOf('=');
        form.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
      try {
        byte[] raw = Base64.getDecoder().decode(form.get("RawMessage.Data"));
        return new SentMail(
            form.get("Destinations.member.1"),
            new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
      } catch (Exception e) {
        throw new IllegalStateException(
            "Not a SendRawEmail request: " + request.getBodyAsString(), e);
      }
    }

    public String outboxId() {
      try {
        return message.getHeader("X-Silverjems-Outbox-Id", null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
