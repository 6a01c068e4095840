package com.silverjems.opsctl.rollback;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.OpsctlException;

/** The rollback deployment did not become the service's stable state. */
final class RollbackFailed extends OpsctlException {
  RollbackFailed(String message) {
    super(ExitCode.FAILED, message);
  }
}
