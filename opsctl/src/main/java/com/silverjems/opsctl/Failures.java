package com.silverjems.opsctl;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns any failure into the one line an engineer reads at 3 a.m. and the exit code a script
 * branches on. AWS error codes are matched across services (ECS, ACM, CloudWatch each name the same
 * trouble differently).
 */
final class Failures {

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
          "LimitExceededException");

  private static final Set<String> NOT_FOUND_CODES =
      Set.of(
          "ResourceNotFoundException",
          "ResourceNotFound",
          "ServiceNotFoundException",
          "ClusterNotFoundException",
          "ServiceNotActiveException");

  private Failures() {}

  /** The exit code for this failure. */
  static int exitCode(Throwable failure) {
    if (failure instanceof OpsctlException known) {
      return known.exitCode();
    }
    if (failure instanceof AwsServiceException aws) {
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      if (aws.isThrottlingException() || THROTTLING_CODES.contains(code)) {
        return ExitCode.THROTTLED;
      }
      if (AUTH_CODES.contains(code) || aws.statusCode() == 401 || aws.statusCode() == 403) {
        return ExitCode.AUTH;
      }
      if (NOT_FOUND_CODES.contains(code)) {
        return ExitCode.NOT_FOUND;
      }
      return ExitCode.FAILED;
    }
    if (isUnreachable(failure)) {
      return ExitCode.UNREACHABLE;
    }
    if (failure instanceof SdkClientException sdk && mentionsCredentials(sdk)) {
      return ExitCode.AUTH;
    }
    if (failure instanceof SdkClientException || failure instanceof UncheckedIOException) {
      return ExitCode.FAILED;
    }
    return ExitCode.INTERNAL;
  }

  /** One line describing the failure, with the context that helps act on it. */
  static String describe(Throwable failure) {
    if (failure instanceof OpsctlException known) {
      return known.getMessage();
    }
    if (failure instanceof AwsServiceException aws) {
      String service = aws.awsErrorDetails() == null ? "AWS" : aws.awsErrorDetails().serviceName();
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      String message =
          aws.awsErrorDetails() == null || aws.awsErrorDetails().errorMessage() == null
              ? aws.getMessage()
              : aws.awsErrorDetails().errorMessage();
      String prefix =
          switch (exitCode(aws)) {
            case ExitCode.AUTH -> "AWS refused the credentials";
            case ExitCode.THROTTLED -> "AWS throttled the request (retried, still throttled)";
            case ExitCode.NOT_FOUND -> "not found";
            default -> "AWS error";
          };
      return prefix
          + " ("
          + service
          + (code == null ? "" : " " + code)
          + ", HTTP "
          + aws.statusCode()
          + (aws.requestId() == null ? "" : ", request id " + aws.requestId())
          + "): "
          + firstLine(message);
    }
    Throwable root = rootCause(failure);
    if (isUnreachable(failure)) {
      return "cannot reach the endpoint: "
          + root.getClass().getSimpleName()
          + ": "
          + root.getMessage();
    }
    if (failure instanceof SdkClientException sdk && mentionsCredentials(sdk)) {
      return "no usable AWS credentials (run 'aws sso login', pass --profile or set AWS_PROFILE): "
          + firstLine(sdk.getMessage());
    }
    String message = failure.getMessage() == null ? "" : ": " + firstLine(failure.getMessage());
    return failure.getClass().getSimpleName() + message;
  }

  private static boolean mentionsCredentials(SdkClientException sdk) {
    String message = String.valueOf(sdk.getMessage()).toLowerCase();
    return message.contains("credential") || message.contains("token") && message.contains("sso");
  }

  private static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof HttpConnectTimeoutException
          || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
