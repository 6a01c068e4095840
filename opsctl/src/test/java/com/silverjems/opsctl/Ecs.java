package com.silverjems.opsctl;

import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/** Seeds moto's ECS with the platform's shape: a cluster, task definition revisions, services. */
public final class Ecs implements AutoCloseable {

  public final EcsClient client;

  public Ecs(String endpoint) {
    client =
        EcsClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build();
  }

  public Ecs cluster(String name) {
    client.createCluster(r -> r.clusterName(name));
    return this;
  }

  /** Registers the next revision of the family with one container "app". */
  public String register(String family, String image, Map<String, String> environment) {
    return client
        .registerTaskDefinition(
            r ->
                r.family(family)
                    .containerDefinitions(
                        ContainerDefinition.builder()
                            .name("app")
                            .image(image)
                            .memory(512)
                            .environment(
                                environment.entrySet().stream()
                                    .map(
                                        e ->
                                            KeyValuePair.builder()
                                                .name(e.getKey())
                                                .value(e.getValue())
                                                .build())
                                    .toList())
                            .build()))
        .taskDefinition()
        .taskDefinitionArn();
  }

  public void service(String cluster, String name, String taskDefinition, int desired) {
    client.createService(
        r ->
            r.cluster(cluster)
                .serviceName(name)
                .taskDefinition(taskDefinition)
                .desiredCount(desired));
  }

  /** The revision the service points at, as family:revision. */
  public String taskDefinitionOf(String cluster, String service) {
    String arn =
        client
            .describeServices(r -> r.cluster(cluster).services(List.of(service)))
            .services()
            .get(0)
            .taskDefinition();
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    client.close();
  }
}
