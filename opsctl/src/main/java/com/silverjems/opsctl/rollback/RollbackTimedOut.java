package com.silverjems.opsctl.rollback;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.OpsctlException;

/** Waiting for the rollback ran out of time; ECS may still finish it. */
final class RollbackTimedOut extends OpsctlException {
  RollbackTimedOut(String message) {
    super(ExitCode.TIMED_OUT, message);
  }
}
