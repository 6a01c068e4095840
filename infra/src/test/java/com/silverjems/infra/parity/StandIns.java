package com.silverjems.infra.parity;

import com.silverjems.infra.parity.DeployedTemplates.Resource;
import com.silverjems.infra.parity.DeployedTemplates.Stack;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers each AWS resource a task definition names with its local stand-in (creating the bucket or
 * queue on first use), and generates the secrets: the database's and the cache's are the stand-ins'
 * credentials, every other one is 32 random bytes in base64 (what the shop's MFA key must be; any
 * other secret accepts it).
 */
final class StandIns implements Expressions.StandIn {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalAws aws;
  private final DeployedTemplates templates;
  private final Map<String, Resource> secretsByArn = new ConcurrentHashMap<>();
  private final Map<String, String> generated = new ConcurrentHashMap<>();

  private Expressions expressions;

  StandIns(LocalAws aws, DeployedTemplates templates) {
    this.aws = aws;
    this.templates = templates;
  }

  /** The evaluator that resolves what a resource refers to in turn (a secret's attachment). */
  void evaluatedBy(Expressions expressions) {
    this.expressions = expressions;
  }

  @Override
  public String value(Resource resource, String attribute) {
    Stack stack = resource.stack();
    String region = stack.env().region();
    String account = stack.env().account();
    String key = resource.type() + (attribute == null ? "" : "." + attribute);
    return switch (key) {
      case "AWS::RDS::DBInstance.Endpoint.Address",
          "AWS::ElastiCache::ReplicationGroup.PrimaryEndPoint.Address" ->
          "127.0.0.1";
      case "AWS::RDS::DBInstance.Endpoint.Port" -> String.valueOf(aws.postgresPort());
      case "AWS::ElastiCache::ReplicationGroup.PrimaryEndPoint.Port" ->
          String.valueOf(aws.redisPort());
      case "AWS::S3::Bucket" -> {
        String name = name(resource, "BucketName");
        aws.createBucket(name);
        yield name;
      }
      case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + value(resource, null);
      case "AWS::SQS::Queue", "AWS::SQS::Queue.QueueUrl" ->
          aws.createQueue(value(resource, "QueueName"));
      case "AWS::SQS::Queue.QueueName" -> name(resource, "QueueName");
      case "AWS::SQS::Queue.Arn" ->
          "arn:aws:sqs:" + region + ":" + account + ":" + name(resource, "QueueName");
      case "AWS::SNS::Topic", "AWS::SNS::Topic.TopicArn" ->
          "arn:aws:sns:" + region + ":" + account + ":" + name(resource, "TopicName");
      case "AWS::SES::ConfigurationSet" -> name(resource, "Name");
      case "AWS::ECR::Repository" -> name(resource, "RepositoryName");
      case "AWS::ECR::Repository.Arn" ->
          "arn:aws:ecr:"
              + region
              + ":"
              + account
              + ":repository/"
              + name(resource, "RepositoryName");
      case "AWS::SecretsManager::Secret" -> {
        String arn =
            "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + resource.logicalId();
        secretsByArn.put(arn, resource);
        yield arn;
      }
      // Ref of the attachment is the ARN of the secret it attaches to the database.
      case "AWS::SecretsManager::SecretTargetAttachment" ->
          expressions.evaluate(resource.properties().get("SecretId"), stack);
      default ->
          throw new IllegalStateException(
              "The contract test has no local stand-in for "
                  + key
                  + " ("
                  + resource.logicalId()
                  + " in "
                  + stack.name()
                  + "): add one to "
                  + StandIns.class.getSimpleName());
    };
  }

  /**
   * The value ECS would inject for a secret: {@code valueFrom} is the secret's ARN, optionally
   * followed by {@code :<json key>::}.
   */
  String secret(String valueFrom) {
    String arn = valueFrom;
    String jsonKey = null;
    if (valueFrom.endsWith("::")) {
      String withoutSuffix = valueFrom.substring(0, valueFrom.length() - 2);
      int colon = withoutSuffix.lastIndexOf(':');
      jsonKey = withoutSuffix.substring(colon + 1);
      arn = withoutSuffix.substring(0, colon);
    }
    Resource secret = secretsByArn.get(arn);
    if (secret == null) {
      throw new IllegalStateException("a task definition reads an unknown secret " + valueFrom);
    }
    String id = secret.logicalId();
    if (referencedBy(secret, "AWS::ElastiCache::ReplicationGroup")) {
      return aws.redisPassword();
    }
    if (referencedBy(secret, "AWS::RDS::DBInstance")) {
      // The instance's master credentials: a login role of that name owning the database.
      String user = generated.computeIfAbsent(id + ":username", k -> databaseUser(secret));
      String password = generated.computeIfAbsent(id + ":password", k -> random());
      return "username".equals(jsonKey) ? user : password;
    }
    if ("username".equals(jsonKey)) {
      // A role's secret names its user (GenerateSecretString's template), e.g. a component's own
      // database role; its password is generated like any other value.
      return generated.computeIfAbsent(id + ":role-username", k -> databaseUser(secret));
    }
    return generated.computeIfAbsent(id + ":" + jsonKey, k -> random());
  }

  /** Database users handed out so far, with their passwords: the stand-in creates these roles. */
  Map<String, String> databaseUsers() {
    Map<String, String> users = new java.util.HashMap<>();
    generated.forEach(
        (key, value) -> {
          if (key.endsWith(":username")) {
            String secret = key.substring(0, key.length() - ":username".length());
            users.put(value, generated.computeIfAbsent(secret + ":password", k -> random()));
          }
        });
    return users;
  }

  private boolean referencedBy(Resource secret, String type) {
    String quoted = "\"" + secret.logicalId() + "\"";
    return templates.resourcesOfType(secret.stack().env(), type).stream()
        .anyMatch(
            r ->
                r.stack() == secret.stack()
                    && new com.fasterxml.jackson.databind.ObjectMapper()
                        .valueToTree(r.properties())
                        .toString()
                        .contains(quoted));
  }

  private static String databaseUser(Resource secret) {
    Object generate = secret.properties().get("GenerateSecretString");
    if (generate != null) {
      Object template = DeployedTemplates.asMap(generate).get("SecretStringTemplate");
      if (template instanceof String json) {
        try {
          return new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(json)
              .path("username")
              .asText("postgres");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return "postgres";
  }

  private static String name(Resource resource, String property) {
    String explicit = resource.property(property);
    return explicit != null ? explicit : resource.logicalId().toLowerCase(Locale.ROOT);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
