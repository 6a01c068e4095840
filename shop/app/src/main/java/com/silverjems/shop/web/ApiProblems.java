package com.silverjems.shop.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 7807 problem details. Spring's own errors (bad
 * parameters, unknown routes, wrong methods) and every {@code ErrorResponseException} a feature
 * throws come out of the superclass in the same shape; anything unexpected becomes a 500 problem
 * that tells the caller nothing about our internals.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  /**
   * Spring Security's own exceptions go back to its filter chain, which knows whether the caller
   * has no session (401) or the wrong one (403): the catch-all below must not turn them into 500.
   */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void securityDecides(RuntimeException e) {
    throw e;
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    log.error("Unhandled error answering a request", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Something went wrong on our side; please try again.");
    problem.setTitle("Internal error");
    return problem;
  }

  /**
   * An unreadable body; one that ran over its byte limit while being read (no Content-Length) is
   * 413 and closes the connection, like one that declared its size.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
        HttpHeaders close = new HttpHeaders();
        close.set(HttpHeaders.CONNECTION, "close");
        return handleExceptionInternal(
            e,
            RequestBodyLimit.problem(tooLarge.limit),
            close,
            HttpStatus.PAYLOAD_TOO_LARGE,
            request);
      }
    }
    return super.handleHttpMessageNotReadable(e, headers, status, request);
  }

  /** A request body that breaks its constraints: one entry per field, so forms can show them. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .sorted(Comparator.comparing(FieldError::getField))
            .map(error -> Map.of("field", error.getField(), "message", message(error)))
            .toList();
    return handleExceptionInternal(e, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  /** Constraints on query parameters and headers ({@code @Min} on a parameter, ...). */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        e.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                Map.of(
                                    "field",
                                    result.getMethodParameter().getParameterName() == null
                                        ? "parameter"
                                        : result.getMethodParameter().getParameterName(),
                                    "message",
                                    message(error))))
            .toList();
    return handleExceptionInternal(e, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  private static ProblemDetail invalid(List<Map<String, String>> errors) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "Invalid request",
            "Some fields are missing or invalid: see errors.");
    problem.setProperty("errors", errors);
    return problem;
  }

  private static String message(@Nullable MessageSourceResolvable error) {
    String message = error == null ? null : error.getDefaultMessage();
    return message == null ? "is invalid" : message;
  }
}
