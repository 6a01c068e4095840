package com.silverjems.opsctl;

import java.util.Optional;

/**
 * A call to another system (ECS, CloudWatch, ACM, Alertmanager, Zabbix) failed: it could not be
 * made, got no answer, or got an answer that was an error or could not be read. Carries the facts
 * an engineer needs to act on it; {@link Failures} turns them into the one line and the exit code,
 * in one place for every system.
 */
public final class CallFailed extends RuntimeException {

  private final String system;
  private final String operation;
  private final Integer status;
  private final String requestId;
  private final String errorCode;
  private final String detail;
  private final String target;

  /**
   * @param system the system called, as engineers name it: ECS, CloudWatch, ACM, Alertmanager,
   *     Zabbix
   * @param operation the API operation, e.g. ListServices, {@code GET /api/v2/silences},
   *     trigger.get
   * @param target where the call went (host or URL), when known
   * @param status the HTTP status of the answer, null when no answer came
   * @param requestId the request id the system gave the answer, when it gave one
   * @param errorCode the system's own error code (AWS error code, JSON-RPC error code), when any
   * @param detail the system's error message, or what was wrong with its answer
   * @param cause the underlying exception, if any
   */
  public CallFailed(
      String system,
      String operation,
      String target,
      Integer status,
      String requestId,
      String errorCode,
      String detail,
      Throwable cause) {
    super(system + " " + operation + (detail == null ? "" : ": " + detail), cause);
    this.system = system;
    this.operation = operation;
    this.target = target;
    this.status = status;
    this.requestId = requestId;
    this.errorCode = errorCode;
    this.detail = detail;
  }

  public String system() {
    return system;
  }

  public String operation() {
    return operation;
  }

  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** The HTTP status, empty when no answer came at all. */
  public Optional<Integer> status() {
    return Optional.ofNullable(status);
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /** The one line for this failure, as {@link Failures} words it. */
  public String describe() {
    return Failures.describe(this);
  }

  /** The exit code for this failure. */
  public int exitCode() {
    return Failures.exitCode(this);
  }
}
