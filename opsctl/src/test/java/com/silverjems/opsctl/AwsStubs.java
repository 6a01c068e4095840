package com.silverjems.opsctl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * WireMock speaking AWS where moto cannot: ECS in its JSON 1.1 protocol (deployments with rollout
 * state), and CloudWatch in Smithy RPC v2 CBOR, which SDK 2.57's CloudWatch client uses (it has no
 * other protocol): POST /service/GraniteServiceVersion20100801/operation/{Operation}, CBOR bodies,
 * the smithy-protocol header. Also Zabbix's JSON-RPC API (POST /api_jsonrpc.php), which the silence
 * tests and the fault injection point at the same server.
 */
public final class AwsStubs implements AutoCloseable {

  private static final CBORMapper CBOR = new CBORMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
  private static final String CLOUDWATCH_PATH = "/service/GraniteServiceVersion20100801/operation/";
  private static final String ZABBIX_PATH = "/api_jsonrpc.php";

  public final WireMockServer server;

  public AwsStubs() {
    server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  /** An ECS operation answers this JSON (AWS's own field names). */
  public void ecs(String operation, String json) {
    server.stubFor(ecsRequest(operation).willReturn(ecsResponse(200, json)));
  }

  /** An ECS operation answers these JSON bodies in turn, the last one from then on. */
  public void ecsSequence(String operation, String... bodies) {
    String scenario = operation + "-" + UUID.randomUUID();
    for (int i = 0; i < bodies.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "step" + i;
      ScenarioMappingBuilder stub =
          ecsRequest(operation).inScenario(scenario).whenScenarioStateIs(state);
      if (i < bodies.length - 1) {
        stub = stub.willSetStateTo("step" + (i + 1));
      }
      server.stubFor(stub.willReturn(ecsResponse(200, bodies[i])));
    }
  }

  /** An ECS operation fails with this AWS error code. */
  public void ecsError(String operation, int status, String code, String message) {
    server.stubFor(
        ecsRequest(operation)
            .willReturn(
                ecsResponse(
                    status, "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}")));
  }

  /** The request of an ECS operation (JSON 1.1: the operation is in X-Amz-Target). */
  public static MappingBuilder ecsRequest(String operation) {
    return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECS_TARGET + operation));
  }

  private static ResponseDefinitionBuilder ecsResponse(int status, String json) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(json);
  }

  /** The bodies ECS received for the operation. */
  public List<JsonNode> ecsRequests(String operation) {
    return server
        .findAll(
            postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(ECS_TARGET + operation)))
        .stream()
        .map(r -> read(JSON, r.getBody()))
        .toList();
  }

  /** A CloudWatch operation answers this value, CBOR-encoded. */
  public void cloudWatch(String operation, Object body) {
    server.stubFor(cloudWatchRequest(operation).willReturn(cborAnswer(body)));
  }

  /** The request of a CloudWatch operation (RPC v2 CBOR: the operation is in the path). */
  public static MappingBuilder cloudWatchRequest(String operation) {
    return post(urlPathEqualTo(CLOUDWATCH_PATH + operation));
  }

  /** A successful CloudWatch answer: this value, CBOR-encoded. */
  public static ResponseDefinitionBuilder cborAnswer(Object body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/cbor")
        .withHeader("smithy-protocol", "rpc-v2-cbor")
        .withBody(cbor(body));
  }

  /** A CloudWatch alarm as DescribeAlarms returns it. */
  public static Map<String, Object> alarm(
      String name, String arn, boolean actionsEnabled, String state) {
    return Map.of(
        "AlarmName", name, "AlarmArn", arn, "ActionsEnabled", actionsEnabled, "StateValue", state);
  }

  /** A Zabbix JSON-RPC method answers this result (JSON), on the same server. */
  public void zabbix(String method, String result) {
    server.stubFor(zabbixRequest(method).willReturn(okJson(zabbixAnswer(result))));
  }

  /** The request of a Zabbix JSON-RPC method. */
  public static MappingBuilder zabbixRequest(String method) {
    return post(urlPathEqualTo(ZABBIX_PATH))
        .withRequestBody(matchingJsonPath("$.method", equalTo(method)));
  }

  /** Zabbix's JSON-RPC envelope around a result. */
  public static String zabbixAnswer(String result) {
    return "{\"jsonrpc\":\"2.0\",\"result\":" + result + ",\"id\":1}";
  }

  /** The bodies Zabbix received for the method. */
  public List<JsonNode> zabbixRequests(String method) {
    return server
        .findAll(
            postRequestedFor(urlPathEqualTo(ZABBIX_PATH))
                .withRequestBody(matchingJsonPath("$.method", equalTo(method))))
        .stream()
        .map(r -> read(JSON, r.getBody()))
        .toList();
  }

  /** The decoded CBOR bodies CloudWatch received for the operation. */
  public List<JsonNode> cloudWatchRequests(String operation) {
    return server.findAll(postRequestedFor(urlPathEqualTo(CLOUDWATCH_PATH + operation))).stream()
        .map(r -> read(CBOR, r.getBody()))
        .toList();
  }

  /** The value CBOR-encoded. */
  public static byte[] cbor(Object body) {
    try {
      return CBOR.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(ObjectMapper mapper, byte[] body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
