package com.silverjems.opsctl;

/**
 * The exit codes of every opsctl command: a script (cron, CI, a pager hook) branches on these, so
 * they never change meaning. Listed in {@code opsctl --help}.
 */
public final class ExitCode {

  /** Everything asked for was done, and everything looked at is healthy. */
  public static final int OK = 0;

  /** The command worked, and found something wrong: an unhealthy service, an expiring cert. */
  public static final int FINDINGS = 1;

  /** The command line was wrong (picocli's usage code). */
  public static final int USAGE = 2;

  /** A named thing does not exist: service, cluster, revision, alert, silence. */
  public static final int NOT_FOUND = 3;

  /** Credentials missing, expired or refused (AWS, Alertmanager, Zabbix). */
  public static final int AUTH = 4;

  /** The API throttled us even after the SDK's retries. */
  public static final int THROTTLED = 5;

  /** An operation failed: a rollback that did not stick, a silence not applied everywhere. */
  public static final int FAILED = 6;

  /** Gave up waiting (--timeout); the operation may still complete. */
  public static final int TIMED_OUT = 7;

  /** The engineer did not confirm; nothing was changed. */
  public static final int ABORTED = 8;

  /** An endpoint could not be reached (network, DNS, wrong --endpoint-url). */
  public static final int UNREACHABLE = 9;

  /**
   * Something critical was found: a certificate that expires within 7 days, has expired, is not
   * trusted or names another host (certs).
   */
  public static final int CRITICAL = 10;

  /** A bug in opsctl (sysexits EX_SOFTWARE); run with -v for the stack trace. */
  public static final int INTERNAL = 70;

  private ExitCode() {}

  /** The help's "Exit codes" section: code to meaning, in order. */
  static java.util.Map<String, String> helpLines() {
    java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
    for (String line :
        new String[] {
          OK + ":OK, everything healthy",
          FINDINGS + ":something unhealthy or failing was found (certs: WARNING tier)",
          USAGE + ":invalid command line",
          NOT_FOUND + ":service, cluster, revision, alert or silence not found",
          AUTH + ":credentials missing, expired or refused",
          THROTTLED + ":throttled by the API",
          FAILED + ":the operation failed (e.g. the rollback was rolled back)",
          TIMED_OUT + ":gave up waiting (--timeout)",
          ABORTED + ":not confirmed, nothing changed",
          UNREACHABLE + ":endpoint unreachable",
          CRITICAL + ":critical finding (certs: expired, within 7 days, untrusted, wrong host)",
          INTERNAL + ":internal error (rerun with -v)"
        }) {
      int colon = line.indexOf(':');
      lines.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return lines;
  }
}
