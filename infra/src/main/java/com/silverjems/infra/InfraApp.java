package com.silverjems.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** Composes the platform's stacks; holds no resources of its own. */
public final class InfraApp {

  private InfraApp() {}

  public static void main(String[] args) {
    App app = new App();
    new NetworkStack(app, "SilverJems-test-network", StackProps.builder().build());
    app.synth();
  }
}
