package com.silverjems.infra.constructs;

import software.constructs.Construct;

/**
 * A construct that groups code, not resources: it creates its resources in the scope it was given
 * (beside itself, usually the stack), so that each resource keeps the construct path, and with it
 * the CloudFormation logical id, it had before the stack was split into constructs.
 *
 * <p>A resource whose logical id changes is replaced by CloudFormation: a new, empty database; new
 * buckets (the old ones kept, orphaned); a topic or secret whose fixed name is still taken, so the
 * deployment fails. Nested under the construct, every id would change. The construct node itself
 * synthesizes nothing.
 */
public abstract class InPlaceConstruct extends Construct {

  private final Construct scope;

  protected InPlaceConstruct(Construct scope, String id) {
    super(scope, id);
    this.scope = scope;
  }

  /** Where this construct's resources are created: the scope it was given. */
  protected final Construct resourceScope() {
    return scope;
  }
}
