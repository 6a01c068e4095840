package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.OpsctlException;

/** An alerting system (Alertmanager, Zabbix) refused or failed a request. */
final class BackendFailed extends OpsctlException {

  BackendFailed(String message) {
    super(ExitCode.FAILED, message);
  }

  BackendFailed(int exitCode, String message) {
    super(exitCode, message);
  }
}
