package com.silverjems.opsctl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Sits on every AWS client of opsctl and turns each failed call, after the SDK's retries, into a
 * {@link CallFailed} that knows the service, the operation, the HTTP status and the request id (the
 * SDK's own exceptions lose the operation, and lose status and request id when the answer could not
 * be read at all).
 */
final class AwsCalls implements ExecutionInterceptor {

  private static final ExecutionAttribute<Integer> STATUS =
      new ExecutionAttribute<>("OpsctlStatus");
  private static final ExecutionAttribute<String> REQUEST_ID =
      new ExecutionAttribute<>("OpsctlRequestId");

  private static final Pattern READS = Pattern.compile("Describe|List|Get|Update");

  private static final List<String> REQUEST_ID_HEADERS =
      List.of("x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid");

  private final String system;

  /** For the AWS service engineers call {@code system}: ECS, CloudWatch, ACM. */
  AwsCalls(String system) {
    this.system = system;
  }

  /**
   * An operation that reads something always answers with a body; an empty 2xx answer (a proxy's, a
   * half-closed connection's) would otherwise read as "nothing there", e.g. no services at all.
   */
  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    attributes.putAttribute(STATUS, context.httpResponse().statusCode());
    requestId(context.httpResponse()).ifPresent(id -> attributes.putAttribute(REQUEST_ID, id));
    String operation =
        String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    if (!context.httpResponse().isSuccessful()) {
      return body;
    }
    byte[] bytes;
    try {
      bytes = body.isEmpty() ? new byte[0] : body.get().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isBlank() && READS.matcher(operation).lookingAt()) {
      throw SdkClientException.create("empty answer where the API always sends one");
    }
    if (text.stripLeading().startsWith("<")) {
      // A proxy's or captive portal's page (AWS answers JSON or CBOR): its 200 means nothing.
      throw SdkClientException.create("not an AWS answer: " + Failures.snippet(text));
    }
    return Optional.of(new ByteArrayInputStream(bytes));
  }

  /**
   * The SDK insists that an interceptor hands back an exception of the same class, so the call's
   * facts travel as a suppressed {@link CallContext} on it, read by {@link #failure(Throwable)}.
   */
  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable failure = context.exception();
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Optional<SdkHttpResponse> response = context.httpResponse();
    failure.addSuppressed(
        new CallContext(
            system,
            operation == null ? "request" : operation,
            context.httpRequest().map(AwsCalls::target).orElse(null),
            response.map(SdkHttpResponse::statusCode).orElse(attributes.getAttribute(STATUS)),
            response.flatMap(AwsCalls::requestId).orElse(attributes.getAttribute(REQUEST_ID))));
    return failure;
  }

  /** Where an AWS call failed, attached to the SDK's exception. */
  static final class CallContext extends RuntimeException {
    final String system;
    final String operation;
    final String target;
    final Integer status;
    final String requestId;

    CallContext(String system, String operation, String target, Integer status, String requestId) {
      super(
          system
              + " "
              + operation
              + (target == null ? "" : " at " + target)
              + (status == null ? "" : ", HTTP " + status)
              + (requestId == null ? "" : ", request id " + requestId),
          null,
          false,
          false);
      this.system = system;
      this.operation = operation;
      this.target = target;
      this.status = status;
      this.requestId = requestId;
    }
  }

  /** The facts of one failed AWS call, from the SDK's exception and the context on it. */
  static CallFailed failure(Throwable failure) {
    CallContext context = null;
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed instanceof CallContext found) {
        context = found;
      }
    }
    if (context == null) {
      context = new CallContext("AWS", "request", null, null, null);
    }
    Integer status = context.status;
    String requestId = context.requestId;
    String code = null;
    String detail;
    if (failure instanceof AwsServiceException aws) {
      status = aws.statusCode() > 0 ? aws.statusCode() : status;
      requestId = aws.requestId() != null ? aws.requestId() : requestId;
      AwsErrorDetails details = aws.awsErrorDetails();
      code = details == null ? null : details.errorCode();
      if (code != null && !code.isBlank()) {
        detail = details.errorMessage();
      } else {
        // No AWS error code: the answer came from something in between (a proxy, a load
        // balancer, a wrong endpoint), whose page says more than the SDK's generic message.
        code = null;
        SdkBytes raw = details == null ? null : details.rawResponse();
        detail = "not an AWS answer: " + Failures.snippet(raw == null ? null : raw.asUtf8String());
      }
    } else if (failure instanceof SdkClientException && status != null) {
      detail = "unreadable answer: " + Failures.firstLine(rootMessage(failure));
    } else {
      detail = Failures.firstLine(rootMessage(failure));
    }
    return new CallFailed(
        context.system,
        context.operation,
        context.target,
        status,
        requestId,
        code,
        detail,
        failure);
  }

  private static Optional<String> requestId(SdkHttpResponse response) {
    for (String header : REQUEST_ID_HEADERS) {
      Optional<String> value = response.firstMatchingHeader(header);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  private static String target(SdkHttpRequest request) {
    return request.protocol() + "://" + request.host() + ":" + request.port();
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getMessage();
    }
    String text =
        message == null
            ? root.getClass().getSimpleName()
            : message.replaceAll(" ?\\(SDK Attempt Count: \\d+\\)", "");
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
