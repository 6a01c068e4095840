package com.silverjems.opsctl.startup;

import com.silverjems.opsctl.Environment;
import com.silverjems.opsctl.Opsctl;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The training run behind {@code bin/opsctl}'s start-up archive (a dynamic class-data-sharing
 * archive, {@code -XX:ArchiveClassesAtExit}): runs the common commands against canned AWS answers
 * on a loopback port, so that the archive recorded at exit holds the classes a real {@code opsctl
 * status} loads (SDK marshalling, HTTP, signing, output). Never talks to AWS.
 *
 * <p>The canned answers are JSON files under {@code startup/answers/}, one per AWS operation
 * ({@code DescribeServices.json}); an operation without a file is answered {@code {}}.
 */
public final class StartupArchiveTrainer {

  /** The commands of the training run: what an on-call engineer runs most. */
  static final List<List<String>> RUNS =
      List.of(
          List.of("--help"),
          List.of("--version"),
          List.of("status"),
          List.of("-o", "json", "status", "shop-api"),
          List.of("history", "shop-api"),
          List.of("certs", "--acm-region", "eu-west-1"),
          List.of("rollback", "shop-api", "--dry-run"),
          List.of("status", "--frobnicate"));

  private static final String ANSWERS = "answers/";

  private StartupArchiveTrainer() {}

  public static void main(String[] args) throws IOException {
    train();
  }

  /** Runs {@link #RUNS} against the canned answers; returns each run's exit code. */
  static List<Integer> train() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", StartupArchiveTrainer::answer);
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
      List<Integer> exitCodes = new ArrayList<>();
      for (List<String> run : RUNS) {
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
        exitCodes.add(cli.execute(run.toArray(String[]::new)));
      }
      return exitCodes;
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
      body = cannedAnswer(operation).getBytes(StandardCharsets.UTF_8);
      type = "application/x-amz-json-1.1";
    }
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The canned JSON answer to an AWS operation, {@code {}} for one without an answer file. */
  static String cannedAnswer(String operation) {
    if (!operation.matches("[A-Za-z]+")) {
      return "{}";
    }
    try (InputStream in =
        StartupArchiveTrainer.class.getResourceAsStream(ANSWERS + operation + ".json")) {
      return in == null ? "{}" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
