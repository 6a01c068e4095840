package com.silverjems.infra.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CloudFront distribution as the synthesized edge template declares it: behaviours in
 * precedence order, their origins (and origin groups), the cache and origin request policies that
 * decide what reaches an origin, the viewer-request functions and the custom error responses. Read
 * from {@code infra/target/cdk.out/silverjems-<env>-edge.template.json}, never repeated by hand:
 * what {@link EdgeStandIn} does is what the template says.
 *
 * <p>Managed policies appear in a template as bare ids; the few the edge uses are described in
 * {@link #MANAGED_CACHE_POLICIES} (AWS's published settings). Any other id fails loudly rather than
 * being guessed.
 */
public final class EdgeDistribution {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * AWS's managed cache policies the edge uses, by id: what each puts in the cache key (and so
   * forwards to the origin). Both forward no header, cookie or query string.
   */
  static final Map<String, Forwarding> MANAGED_CACHE_POLICIES =
      Map.of(
          // Managed-CachingOptimized: gzip and brotli normalised, nothing else.
          "658327ea-f89d-4fab-a63d-7e88639e58f6", Forwarding.NOTHING,
          // Managed-CachingDisabled.
          "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", Forwarding.NOTHING);

  private final String environment;
  private final List<Behaviour> behaviours;
  private final Behaviour defaultBehaviour;
  private final Map<String, Origin> origins;
  private final Map<String, OriginGroup> originGroups;
  private final Map<Integer, ErrorPage> errorPages;
  private final String defaultRootObject;

  private EdgeDistribution(String environment, JsonNode template) {
    this.environment = environment;
    JsonNode resources = template.path("Resources");
    JsonNode config = single(resources, "AWS::CloudFront::Distribution").path("DistributionConfig");
    origins = new LinkedHashMap<>();
    for (JsonNode origin : config.path("Origins")) {
      Origin.Kind kind =
          origin.has("S3OriginConfig")
              ? Origin.Kind.S3
              : origin.has("VpcOriginConfig") ? Origin.Kind.VPC : Origin.Kind.CUSTOM;
      origins.put(origin.path("Id").asText(), new Origin(origin.path("Id").asText(), kind));
    }
    originGroups = new LinkedHashMap<>();
    for (JsonNode group : config.path("OriginGroups").path("Items")) {
      List<String> members = new ArrayList<>();
      group.path("Members").path("Items").forEach(m -> members.add(m.path("OriginId").asText()));
      Set<Integer> statuses = new LinkedHashSet<>();
      group
          .path("FailoverCriteria")
          .path("StatusCodes")
          .path("Items")
          .forEach(s -> statuses.add(s.asInt()));
      originGroups.put(
          group.path("Id").asText(),
          new OriginGroup(group.path("Id").asText(), members.get(0), members.get(1), statuses));
    }
    behaviours = new ArrayList<>();
    for (JsonNode behaviour : config.path("CacheBehaviors")) {
      behaviours.add(behaviour(resources, behaviour));
    }
    defaultBehaviour = behaviour(resources, config.path("DefaultCacheBehavior"));
    errorPages = new LinkedHashMap<>();
    for (JsonNode error : config.path("CustomErrorResponses")) {
      if (error.has("ResponsePagePath")) {
        errorPages.put(
            error.path("ErrorCode").asInt(),
            new ErrorPage(
                error.path("ResponsePagePath").asText(),
                error.path("ResponseCode").asInt(error.path("ErrorCode").asInt())));
      }
    }
    defaultRootObject = config.path("DefaultRootObject").asText("");
  }

  /** The distribution of {@code environment} ({@code test}, {@code prod}) in {@code cdk.out}. */
  public static EdgeDistribution synthesized(String environment) {
    Path template =
        cdkOut().resolve("silverjems-" + environment + "-edge.template.json").toAbsolutePath();
    if (!Files.isRegularFile(template)) {
      throw new IllegalStateException(
          "No synthesized edge template at "
              + template
              + ": synthesize first (any infra test does, e.g. ./mvnw -pl infra verify"
              + " -Dtest=EdgeStackTest).");
    }
    return fromTemplate(environment, template);
  }

  /** A distribution read from a CloudFormation template file. */
  public static EdgeDistribution fromTemplate(String environment, Path template) {
    try {
      return new EdgeDistribution(environment, JSON.readTree(template.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + template, e);
    }
  }

  /** {@code infra/target/cdk.out}, found from the working directory (the infra module or above). */
  static Path cdkOut() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("cdk.json"))) {
        return d.resolve("target").resolve("cdk.out");
      }
      if (Files.isRegularFile(d.resolve("infra").resolve("cdk.json"))) {
        return d.resolve("infra").resolve("target").resolve("cdk.out");
      }
    }
    throw new IllegalStateException("No infra/cdk.json above " + dir);
  }

  public String environment() {
    return environment;
  }

  /**
   * The behaviour CloudFront picks for {@code path}: the first pattern that matches, else default.
   */
  public Behaviour behaviourFor(String path) {
    for (Behaviour behaviour : behaviours) {
      if (behaviour.matches(path)) {
        return behaviour;
      }
    }
    return defaultBehaviour;
  }

  /** The path-pattern behaviours, in precedence order. */
  public List<Behaviour> behaviours() {
    return List.copyOf(behaviours);
  }

  public Behaviour defaultBehaviour() {
    return defaultBehaviour;
  }

  public Map<String, Origin> origins() {
    return Map.copyOf(origins);
  }

  public Optional<OriginGroup> originGroup(String id) {
    return Optional.ofNullable(originGroups.get(id));
  }

  public Map<Integer, ErrorPage> errorPages() {
    return Map.copyOf(errorPages);
  }

  public String defaultRootObject() {
    return defaultRootObject;
  }

  /**
   * The one origin of {@code kind} (the API's VPC origin), failing when there is not exactly one.
   */
  public Origin onlyOrigin(Origin.Kind kind) {
    List<Origin> found = origins.values().stream().filter(o -> o.kind() == kind).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("Expected one " + kind + " origin, found " + found);
    }
    return found.get(0);
  }

  /** One cache behaviour. {@code pathPattern} is null for the default behaviour. */
  public record Behaviour(
      String pathPattern,
      String targetOriginId,
      Set<String> allowedMethods,
      Forwarding forwarding,
      boolean acceptEncodingNormalised,
      List<String> viewerRequestFunctions) {

    boolean matches(String path) {
      return pathPattern != null && glob(pathPattern).matcher(path).matches();
    }
  }

  /** An origin, by the kind that decides how the stand-in reaches it. */
  public record Origin(String id, Kind kind) {
    public enum Kind {
      S3,
      VPC,
      CUSTOM
    }
  }

  /** Failover: the fallback answers when the primary answers one of {@code failoverStatuses}. */
  public record OriginGroup(
      String id, String primaryOriginId, String fallbackOriginId, Set<Integer> failoverStatuses) {}

  /** A custom error response: the page served, and the status the viewer gets. */
  public record ErrorPage(String pagePath, int responseCode) {}

  /**
   * Which headers, cookies and query strings of the viewer request reach the origin: the union of
   * the cache policy's key and the origin request policy.
   */
  public record Forwarding(Selection headers, Selection cookies, Selection queryStrings) {

    static final Forwarding NOTHING =
        new Forwarding(Selection.NONE, Selection.NONE, Selection.NONE);

    /** A cache policy's key or an origin request policy: both name the same three configs. */
    static Forwarding of(JsonNode config) {
      return new Forwarding(
          Selection.of(
              config.path("HeadersConfig").path("HeaderBehavior").asText(),
              config.path("HeadersConfig").path("Headers")),
          Selection.of(
              config.path("CookiesConfig").path("CookieBehavior").asText(),
              config.path("CookiesConfig").path("Cookies")),
          Selection.of(
              config.path("QueryStringsConfig").path("QueryStringBehavior").asText(),
              config.path("QueryStringsConfig").path("QueryStrings")));
    }

    Forwarding union(Forwarding other) {
      return new Forwarding(
          headers.union(other.headers),
          cookies.union(other.cookies),
          queryStrings.union(other.queryStrings));
    }
  }

  /**
   * A policy's choice of names: none, a list, all but a list, or all. Headers CloudFront itself
   * adds (CloudFront-Viewer-Address, ...) are asked for by naming them in the list.
   */
  public record Selection(Mode mode, Set<String> names) {

    public enum Mode {
      NONE,
      LIST,
      ALL_EXCEPT,
      ALL
    }

    static final Selection NONE = new Selection(Mode.NONE, Set.of());

    /** Whether a viewer-sent name (any case) is forwarded. */
    public boolean includes(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      return switch (mode) {
        case NONE -> false;
        case LIST -> names.contains(n);
        case ALL_EXCEPT -> !names.contains(n);
        case ALL -> true;
      };
    }

    /** Whether the policy names {@code name} explicitly (how CloudFront headers are asked for). */
    public boolean names(String name) {
      return mode != Mode.ALL_EXCEPT && names.contains(name.toLowerCase(Locale.ROOT));
    }

    Selection union(Selection other) {
      if (mode == Mode.NONE) {
        return other;
      }
      if (other.mode == Mode.NONE) {
        return this;
      }
      if (mode == Mode.ALL || other.mode == Mode.ALL) {
        Set<String> listed = new LinkedHashSet<>(names);
        listed.addAll(other.names);
        return new Selection(Mode.ALL, Set.copyOf(listed));
      }
      if (mode == Mode.LIST && other.mode == Mode.LIST) {
        Set<String> listed = new LinkedHashSet<>(names);
        listed.addAll(other.names);
        return new Selection(Mode.LIST, Set.copyOf(listed));
      }
      throw new IllegalStateException("Cannot combine " + this + " with " + other);
    }

    static Selection of(String behaviour, JsonNode names) {
      Set<String> listed = new LinkedHashSet<>();
      names.forEach(n -> listed.add(n.asText().toLowerCase(Locale.ROOT)));
      Mode mode =
          switch (behaviour) {
            case "none" -> Mode.NONE;
            case "whitelist" -> Mode.LIST;
            case "allExcept" -> Mode.ALL_EXCEPT;
            // All viewer values; the listed CloudFront headers come on top.
            case "all", "allViewer", "allViewerAndWhitelistCloudFront" -> Mode.ALL;
            default -> throw new IllegalStateException("Unknown policy behaviour " + behaviour);
          };
      return new Selection(mode, Set.copyOf(listed));
    }
  }

  // --- reading the template ---------------------------------------------------------------------

  private Behaviour behaviour(JsonNode resources, JsonNode behaviour) {
    Set<String> methods = new LinkedHashSet<>();
    behaviour.path("AllowedMethods").forEach(m -> methods.add(m.asText()));
    if (methods.isEmpty()) {
      methods.addAll(List.of("GET", "HEAD"));
    }
    JsonNode cachePolicyId = behaviour.path("CachePolicyId");
    Forwarding forwarding;
    boolean acceptEncoding;
    if (cachePolicyId.isTextual()) {
      forwarding = MANAGED_CACHE_POLICIES.get(cachePolicyId.asText());
      if (forwarding == null) {
        throw new IllegalStateException(
            "Managed cache policy "
                + cachePolicyId.asText()
                + " is not described in EdgeDistribution.MANAGED_CACHE_POLICIES");
      }
      acceptEncoding = cachePolicyId.asText().equals("658327ea-f89d-4fab-a63d-7e88639e58f6");
    } else {
      JsonNode key =
          referenced(resources, cachePolicyId)
              .path("CachePolicyConfig")
              .path("ParametersInCacheKeyAndForwardedToOrigin");
      forwarding = Forwarding.of(key);
      acceptEncoding =
          key.path("EnableAcceptEncodingGzip").asBoolean()
              || key.path("EnableAcceptEncodingBrotli").asBoolean();
    }
    JsonNode requestPolicyId = behaviour.path("OriginRequestPolicyId");
    if (!requestPolicyId.isMissingNode()) {
      if (requestPolicyId.isTextual()) {
        throw new IllegalStateException(
            "Managed origin request policy "
                + requestPolicyId.asText()
                + ": define the policy in EdgeStack so that what reaches the origin is explicit");
      }
      JsonNode policy = referenced(resources, requestPolicyId).path("OriginRequestPolicyConfig");
      forwarding = forwarding.union(Forwarding.of(policy));
    }
    List<String> functions = new ArrayList<>();
    for (JsonNode association : behaviour.path("FunctionAssociations")) {
      if (association.path("EventType").asText().equals("viewer-request")) {
        JsonNode function = referenced(resources, association.path("FunctionARN"));
        String runtime = function.path("FunctionConfig").path("Runtime").asText();
        if (!runtime.equals("cloudfront-js-2.0")) {
          throw new IllegalStateException("Unsupported CloudFront Function runtime " + runtime);
        }
        functions.add(function.path("FunctionCode").asText());
      }
    }
    return new Behaviour(
        behaviour.has("PathPattern") ? behaviour.path("PathPattern").asText() : null,
        behaviour.path("TargetOriginId").asText(),
        Set.copyOf(methods),
        forwarding,
        acceptEncoding,
        List.copyOf(functions));
  }

  /** The properties of the resource a {@code Ref} or {@code Fn::GetAtt} points at. */
  private static JsonNode referenced(JsonNode resources, JsonNode reference) {
    String logicalId =
        reference.has("Ref")
            ? reference.path("Ref").asText()
            : reference.path("Fn::GetAtt").path(0).asText();
    JsonNode resource = resources.path(logicalId);
    if (resource.isMissingNode()) {
      throw new IllegalStateException("No resource " + logicalId + " for " + reference);
    }
    return resource.path("Properties");
  }

  private static JsonNode single(JsonNode resources, String type) {
    JsonNode found = null;
    for (Iterator<JsonNode> it = resources.elements(); it.hasNext(); ) {
      JsonNode resource = it.next();
      if (resource.path("Type").asText().equals(type)) {
        if (found != null) {
          throw new IllegalStateException("More than one " + type);
        }
        found = resource.path("Properties");
      }
    }
    if (found == null) {
      throw new IllegalStateException("No " + type + " in the template");
    }
    return found;
  }

  /** CloudFront's path patterns: {@code *} any run of characters, {@code ?} exactly one. */
  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
