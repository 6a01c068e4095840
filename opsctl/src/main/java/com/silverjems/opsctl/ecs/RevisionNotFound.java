package com.silverjems.opsctl.ecs;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.OpsctlException;

/** The task definition revision does not exist (or was deleted). */
public final class RevisionNotFound extends OpsctlException {

  /** The revision named {@code what} could not be found. */
  public RevisionNotFound(String what) {
    super(
        ExitCode.NOT_FOUND, "task definition " + what + " not found; 'opsctl history' lists them");
  }
}
