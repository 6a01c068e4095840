package com.silverjems.infra;

import com.silverjems.infra.InfraApp.PlatformStacks;
import com.silverjems.infra.config.Environments;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The whole platform, both environments, synthesised ONCE per test JVM (synthesis takes seconds;
 * every test class reads the same cloud assembly). {@code Template.fromStack} would synthesise the
 * app again for every stack; templates are read from the assembly instead.
 */
public final class SynthesisedPlatform {

  static final Path OUTDIR = Path.of("target", "cdk.out");

  private static SynthesisedPlatform instance;

  final List<PlatformStacks> environments;
  final CloudAssembly assembly;
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  private SynthesisedPlatform() {
    App app = InfraApp.newApp(OUTDIR.toString(), Environments.all());
    environments = InfraApp.compose(app, Environments.all());
    assembly = app.synth();
  }

  public static synchronized SynthesisedPlatform get() {
    if (instance == null) {
      instance = new SynthesisedPlatform();
    }
    return instance;
  }

  PlatformStacks prod() {
    return environments.get(1);
  }

  PlatformStacks test() {
    return environments.get(0);
  }

  Template template(Stack stack) {
    return templates.computeIfAbsent(
        stack.getArtifactId(),
        id -> Template.fromJSON(asMap(assembly.getStackArtifact(id).getTemplate())));
  }

  List<CloudFormationStackArtifact> stacks() {
    return assembly.getStacksRecursively();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object template) {
    return (Map<String, Object>) template;
  }
}
