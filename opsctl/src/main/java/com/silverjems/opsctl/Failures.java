package com.silverjems.opsctl;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one failure classifier: turns any failure into the one line an engineer reads at 3 a.m. and
 * the exit code a script branches on. A failed call to another system ({@link CallFailed}) is
 * worded the same way whichever system it was: the system, the operation, what went wrong, the HTTP
 * status, the system's error code and the request id when there are any. AWS error codes are
 * matched across services (ECS, ACM, CloudWatch each name the same trouble differently).
 */
public final class Failures {

  private static final Set<String> AUTH_CODES =
      Set.of(
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "ExpiredToken",
          "ExpiredTokenException",
          "AccessDenied",
          "AccessDeniedException",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "MissingAuthenticationToken",
          "MissingAuthenticationTokenException",
          "IncompleteSignature",
          "UnauthorizedOperation",
          "AuthFailure",
          "NotAuthorized");

  private static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "RequestThrottled",
          "RequestThrottledException",
          "SlowDown",
          "LimitExceededException");

  private static final Set<String> NOT_FOUND_CODES =
      Set.of(
          "ResourceNotFoundException",
          "ResourceNotFound",
          "ServiceNotFoundException",
          "ClusterNotFoundException",
          "ServiceNotActiveException");

  /** What Zabbix 6.0 says in a JSON-RPC error's data when the API token is not accepted. */
  private static final Pattern ZABBIX_AUTH =
      Pattern.compile(
          "Not authori|Session terminated|API token|re-login", Pattern.CASE_INSENSITIVE);

  private static final Pattern HTML_TITLE =
      Pattern.compile("<title[^>]*>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

  private Failures() {}

  /** The exit code for this failure. */
  public static int exitCode(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof OpsctlException known) {
      return known.exitCode();
    }
    if (t instanceof CallFailed call) {
      return classify(call);
    }
    if (t instanceof SdkException sdk) {
      return classify(AwsCalls.failure(sdk));
    }
    return ExitCode.INTERNAL;
  }

  /** One line describing the failure, with the context that helps act on it. */
  public static String describe(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof OpsctlException known) {
      return known.getMessage();
    }
    if (t instanceof CallFailed call) {
      return line(call);
    }
    if (t instanceof SdkException sdk) {
      return line(AwsCalls.failure(sdk));
    }
    String message = t.getMessage() == null ? "" : ": " + firstLine(t.getMessage());
    return "internal error, " + t.getClass().getSimpleName() + message + " (rerun with -v)";
  }

  private static int classify(CallFailed call) {
    Throwable cause = call.getCause();
    if (transportProblem(cause).isPresent()) {
      return ExitCode.UNREACHABLE;
    }
    if (call.status().isEmpty()) {
      return credentialsProblem(cause) ? ExitCode.AUTH : ExitCode.FAILED;
    }
    int status = call.status().get();
    String code = call.errorCode().orElse("");
    boolean throttled =
        status == 429
            || THROTTLING_CODES.contains(code)
            || cause instanceof AwsServiceException aws && aws.isThrottlingException();
    if (throttled) {
      return ExitCode.THROTTLED;
    }
    boolean zabbixAuth =
        "Zabbix".equals(call.system())
            && call.detail().map(d -> ZABBIX_AUTH.matcher(d).find()).orElse(false);
    if (status == 401 || status == 403 || AUTH_CODES.contains(code) || zabbixAuth) {
      return ExitCode.AUTH;
    }
    if (NOT_FOUND_CODES.contains(code)) {
      return ExitCode.NOT_FOUND;
    }
    return ExitCode.FAILED;
  }

  private static String line(CallFailed call) {
    int exitCode = classify(call);
    StringBuilder line = new StringBuilder(call.system()).append(' ').append(call.operation());
    Optional<String> transport = transportProblem(call.getCause());
    if (transport.isPresent()) {
      line.append(": no answer");
      call.target().ifPresent(target -> line.append(" from ").append(target));
      line.append(" (").append(transport.get()).append(')');
      call.status().ifPresent(status -> line.append(" after HTTP ").append(status));
      return line.toString();
    }
    line.append(
        switch (exitCode) {
          case ExitCode.AUTH -> ": credentials refused";
          case ExitCode.THROTTLED -> ": throttled, still after the retries";
          case ExitCode.NOT_FOUND -> ": not found";
          default -> ": failed";
        });
    StringBuilder facts = new StringBuilder();
    call.status().ifPresent(status -> facts.append("HTTP ").append(status));
    call.errorCode().ifPresent(code -> separate(facts).append(code));
    call.requestId().ifPresent(id -> separate(facts).append("request id ").append(id));
    if (!facts.isEmpty()) {
      line.append(" (").append(facts).append(')');
    }
    call.detail().filter(d -> !d.isBlank()).ifPresent(d -> line.append(": ").append(d));
    if (exitCode == ExitCode.AUTH && call.status().isEmpty()) {
      line.append(" (run 'aws sso login', pass --profile or set AWS_PROFILE)");
    }
    return line.toString();
  }

  private static StringBuilder separate(StringBuilder facts) {
    return facts.isEmpty() ? facts : facts.append(", ");
  }

  /**
   * What kept an answer from arriving (refused, timed out, reset, unknown host, closed), or empty
   * when the failure is not about the connection.
   */
  public static Optional<String> transportProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApiCallAttemptTimeoutException
          || t instanceof ApiCallTimeoutException
          || t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException) {
        return Optional.of("timed out");
      }
      if (t instanceof UnknownHostException) {
        return Optional.of("unknown host " + t.getMessage());
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return Optional.of("cannot connect: " + lower(t.getMessage(), "refused"));
      }
      if (t instanceof SocketException) {
        return Optional.of(lower(t.getMessage(), "connection failed"));
      }
      if (t instanceof EOFException) {
        return Optional.of("connection closed before the answer was complete");
      }
      if (t instanceof IOException io && String.valueOf(io.getMessage()).contains("no bytes")) {
        // java.net.http's words for a connection closed before any answer.
        return Optional.of("connection closed without an answer");
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // Any other I/O failure of the connection itself (not of reading a body that came).
      String name = t.getClass().getName().toLowerCase(Locale.ROOT);
      boolean parsing = name.contains("json") || name.contains("cbor") || name.contains("pars");
      if (t instanceof IOException && !parsing) {
        return Optional.of(lower(t.getMessage(), "connection failed"));
      }
    }
    return Optional.empty();
  }

  private static boolean credentialsProblem(Throwable cause) {
    if (!(cause instanceof SdkClientException sdk)) {
      return false;
    }
    String message = String.valueOf(sdk.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("credential") || message.contains("token") && message.contains("sso");
  }

  /**
   * A short, readable account of an answer that is not what the API promises: the title of an HTML
   * page (a proxy's or load balancer's error page), else its first line, at most 160 characters.
   */
  public static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "empty answer";
    }
    Matcher title = HTML_TITLE.matcher(body);
    if (title.find() && !title.group(1).isBlank()) {
      return "HTML page \"" + title.group(1).strip() + "\"";
    }
    String first = firstLine(body.replaceAll("[\\p{Cntrl}&&[^\n]]", "?"));
    return "\"" + (first.length() > 160 ? first.substring(0, 160) + "..." : first) + "\"";
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof UncheckedIOException && t.getCause() instanceof CallFailed)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String lower(String text, String otherwise) {
    return text == null || text.isBlank() ? otherwise : text.toLowerCase(Locale.ROOT);
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
  }
}
