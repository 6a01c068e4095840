package com.silverjems.infra;

import com.silverjems.infra.ciaccess.CiAccessStack;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.config.Environments;
import com.silverjems.infra.data.DataStack;
import com.silverjems.infra.data.PlatformData;
import com.silverjems.infra.edge.EdgeStack;
import com.silverjems.infra.network.NetworkStack;
import com.silverjems.infra.observability.ObservabilityStack;
import com.silverjems.infra.services.ServicesStack;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * Composes the platform's stacks for every environment; holds no resources of its own. Each
 * environment gets one stack per lifecycle, deployed in this order: network, data, ci-access,
 * services, observability (all in the environment's region) and edge (us-east-1).
 *
 * <p>cdk-nag's AwsSolutions pack runs on every synthesis: an unjustified finding is an error that
 * fails {@code cdk synth} and the tests.
 */
public final class InfraApp {

  private InfraApp() {}

  /**
   * CDK feature flags the stacks rely on. Set in code rather than only in {@code cdk.json} so that
   * tests synthesise exactly what {@code cdk synth} does.
   */
  public static final Map<String, Object> FEATURE_FLAGS =
      Map.of(
          // S3 server access logs delivered under a bucket policy, not the legacy ACL, so every
          // bucket keeps ACLs disabled (BucketOwnerEnforced).
          "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true,
          "@aws-cdk/aws-iam:minimizePolicies", true,
          "@aws-cdk/core:enablePartitionLiterals", true);

  public static void main(String[] args) {
    App app = newApp(null, Environments.all());
    compose(app, Environments.all());
    app.synth();
  }

  /**
   * An app with the platform's feature flags and each environment's availability zones as context
   * (what {@code cdk.context.json} would cache after a lookup), so synthesis never calls AWS.
   * {@code outdir} null means the CLI's default.
   */
  public static App newApp(String outdir, List<DeploymentEnvironment> environments) {
    Map<String, Object> context = new java.util.HashMap<>(FEATURE_FLAGS);
    for (DeploymentEnvironment env : environments) {
      context.put(
          "availability-zones:account=" + env.account() + ":region=" + env.region(),
          env.availabilityZones());
    }
    App.Builder builder = App.Builder.create().context(context);
    if (outdir != null) {
      builder.outdir(outdir);
    }
    return builder.build();
  }

  /** The stacks of one environment. */
  public record PlatformStacks(
      DeploymentEnvironment environment,
      NetworkStack network,
      DataStack data,
      CiAccessStack ciAccess,
      ServicesStack services,
      ObservabilityStack observability,
      EdgeStack edge) {}

  /** Adds every environment's stacks to {@code app}, with cdk-nag checking all of them. */
  public static List<PlatformStacks> compose(App app, List<DeploymentEnvironment> environments) {
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    List<PlatformStacks> all = new ArrayList<>();
    for (DeploymentEnvironment env : environments) {
      all.add(compose(app, env));
    }
    return all;
  }

  private static PlatformStacks compose(App app, DeploymentEnvironment env) {
    StackProps regional =
        StackProps.builder().env(env.regional()).crossRegionReferences(true).build();
    String prefix = env.prefix();
    NetworkStack network = new NetworkStack(app, prefix + "-network", regional, env);
    DataStack data =
        new DataStack(app, prefix + "-data", regional, new DataStack.Props(env, network.vpc()));
    CiAccessStack ciAccess = new CiAccessStack(app, prefix + "-ci-access", regional, env);
    PlatformData platformData =
        new PlatformData(
            data.database(), data.cache(), data.buckets(), data.email(), data.secrets());
    ServicesStack services =
        new ServicesStack(
            app,
            prefix + "-services",
            regional,
            new ServicesStack.Props(env, network.vpc(), platformData, ciAccess.repositories()));
    ObservabilityStack observability =
        new ObservabilityStack(
            app,
            prefix + "-observability",
            regional,
            new ObservabilityStack.Props(
                env,
                data.database(),
                data.cache(),
                data.email().deadLetters(),
                services.runtime()));
    EdgeStack edge =
        new EdgeStack(
            app,
            prefix + "-edge",
            StackProps.builder().env(env.edge()).crossRegionReferences(true).build(),
            env,
            services.loadBalancer(),
            data.buckets().publicAssets().getBucketName());
    for (var stack : List.of(network, data, ciAccess, services, observability, edge)) {
      Tags.of(stack).add("silverjems:environment", env.name());
      Tags.of(stack).add("silverjems:stack", stack.getStackName());
    }
    return new PlatformStacks(env, network, data, ciAccess, services, observability, edge);
  }
}
