package com.silverjems.opsctl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The training run behind {@code bin/opsctl}'s class-data-sharing archive: runs the common commands
 * against canned AWS answers on a loopback port, so that the archive recorded at exit holds the
 * classes a real {@code opsctl status} loads (SDK marshalling, HTTP, signing, output). Never talks
 * to AWS.
 */
public final class CdsTraining {

  private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";

  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", CdsTraining::answer);
    server.start();
    try {
      String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
      Map<String, String> variables =
          Map.of(
              "AWS_ACCESS_KEY_ID", "training",
              "AWS_SECRET_ACCESS_KEY", "training",
              "AWS_REGION", "eu-west-1",
              "AWS_ENDPOINT_URL", endpoint,
              "AWS_MAX_ATTEMPTS", "1");
      String[][] runs = {
        {"--help"},
        {"--version"},
        {"status"},
        {"-o", "json", "status", "shop-api"},
        {"history", "shop-api"},
        {"certs", "--acm-region", "eu-west-1"},
        {"rollback", "shop-api", "--dry-run"},
        {"status", "--frobnicate"}
      };
      for (String[] run : runs) {
        Environment environment =
            new Environment(
                variables,
                Optional.empty(),
                new BufferedReader(new StringReader("")),
                false,
                false,
                Clock.systemUTC());
        CommandLine cli = Opsctl.commandLine(environment);
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.execute(run);
      }
    } finally {
      server.stop(0);
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
    String operation = target.substring(target.indexOf('.') + 1);
    byte[] body;
    String type;
    if (exchange.getRequestURI().getPath().contains("GraniteServiceVersion20100801")) {
      body = new byte[] {(byte) 0xa0}; // CloudWatch (RPC v2 CBOR): an empty map
      type = "application/cbor";
      exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
    } else {
      body = json(operation).getBytes(StandardCharsets.UTF_8);
      type = "application/x-amz-json-1.1";
    }
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String json(String operation) {
    String taskDefinition = ARN + "task-definition/shop-api:2";
    return switch (operation) {
      case "ListServices" -> "{\"serviceArns\":[\"" + ARN + "service/silverjems/shop-api\"]}";
      case "DescribeServices", "UpdateService" -> {
        String service =
            "{\"serviceName\":\"shop-api\",\"status\":\"ACTIVE\",\"desiredCount\":1,"
                + "\"runningCount\":1,\"pendingCount\":0,\"taskDefinition\":\""
                + taskDefinition
                + "\",\"deployments\":[{\"id\":\"ecs-svc/1\",\"status\":\"PRIMARY\","
                + "\"taskDefinition\":\""
                + taskDefinition
                + "\",\"desiredCount\":1,\"runningCount\":1,\"pendingCount\":0,\"failedTasks\":0,"
                + "\"rolloutState\":\"COMPLETED\",\"createdAt\":1.7E9,\"updatedAt\":1.7E9}],"
                + "\"deploymentConfiguration\":{\"deploymentCircuitBreaker\":{\"enable\":true,"
                + "\"rollback\":true}},\"events\":[{\"id\":\"e1\",\"createdAt\":1.7E9,"
                + "\"message\":\"(service shop-api) has reached a steady state.\"}]}";
        yield operation.equals("UpdateService")
            ? "{\"service\":" + service + "}"
            : "{\"services\":[" + service + "],\"failures\":[]}";
      }
      case "DescribeTaskDefinition" ->
          "{\"taskDefinition\":{\"taskDefinitionArn\":\""
              + taskDefinition
              + "\",\"family\":\"shop-api\",\"revision\":2,\"status\":\"ACTIVE\","
              + "\"registeredAt\":1.7E9,\"registeredBy\":\"arn:aws:iam::123456789012:role/release\","
              + "\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"shop:abc\","
              + "\"environment\":[{\"name\":\"A\",\"value\":\"1\"}],\"secrets\":[]}]},\"tags\":[]}";
      case "ListTaskDefinitions" ->
          "{\"taskDefinitionArns\":[\""
              + ARN
              + "task-definition/shop-api:1\",\""
              + taskDefinition
              + "\"]}";
      case "ListTasks" -> "{\"taskArns\":[]}";
      case "ListCertificates" -> "{\"CertificateSummaryList\":[]}";
      default -> "{}";
    };
  }
}
