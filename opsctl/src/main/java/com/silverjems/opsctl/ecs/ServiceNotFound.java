package com.silverjems.opsctl.ecs;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.OpsctlException;

/** The named ECS service is not in the cluster. */
public final class ServiceNotFound extends OpsctlException {

  ServiceNotFound(String service, String cluster, String reason) {
    super(
        ExitCode.NOT_FOUND,
        "service '"
            + service
            + "' not found in cluster '"
            + cluster
            + "' ("
            + reason
            + "); 'opsctl status' lists the services");
  }
}
