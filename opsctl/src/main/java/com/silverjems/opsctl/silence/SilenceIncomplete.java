package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.OpsctlException;

/**
 * A silence command could not do its part in every alerting system. Exits 6 when some systems did
 * theirs, else with the failure's own code; the message says which systems did and which did not.
 */
final class SilenceIncomplete extends OpsctlException {

  SilenceIncomplete(Systems systems, String message) {
    super(systems.exitCode(), message);
  }
}
