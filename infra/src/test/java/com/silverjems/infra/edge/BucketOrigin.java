package com.silverjems.infra.edge;

import com.silverjems.infra.storefront.StorefrontRelease;
import com.silverjems.infra.storefront.StorefrontRelease.StorefrontObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An S3 bucket as CloudFront reaches it through origin access control: GET and HEAD of a key answer
 * the object with the Content-Type, Cache-Control and ETag stored with it; a missing key is 403
 * AccessDenied (CloudFront may not list the bucket, so S3 does not say 404); conditional GETs are
 * 304.
 */
final class BucketOrigin {

  private final Map<String, StorefrontObject> objects = new ConcurrentHashMap<>();

  static BucketOrigin holding(List<StorefrontObject> objects) {
    BucketOrigin bucket = new BucketOrigin();
    objects.forEach(bucket::put);
    return bucket;
  }

  static BucketOrigin of(StorefrontRelease release) {
    return holding(release.objects());
  }

  void put(StorefrontObject object) {
    objects.put(object.key(), object);
  }

  Optional<StorefrontObject> object(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  EdgeStandIn.OriginResponse answer(String method, String rawPath, Map<String, String> headers) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return xml(405, "MethodNotAllowed", "The specified method is not allowed");
    }
    String key = URLDecoder.decode(rawPath.substring(1), StandardCharsets.UTF_8);
    StorefrontObject object = objects.get(key);
    if (object == null) {
      return xml(403, "AccessDenied", "Access Denied");
    }
    String etag = "\"" + object.sha256().substring(0, 32) + "\"";
    Map<String, List<String>> answer =
        Map.of(
            "Content-Type", List.of(object.contentType()),
            "Cache-Control", List.of(object.cacheControl()),
            "ETag", List.of(etag),
            "Server", List.of("AmazonS3"));
    if (etag.equals(headers.get("if-none-match"))) {
      return new EdgeStandIn.OriginResponse(304, answer, new byte[0]);
    }
    return new EdgeStandIn.OriginResponse(
        200, answer, method.equals("HEAD") ? new byte[0] : object.content());
  }

  private static EdgeStandIn.OriginResponse xml(int status, String code, String message) {
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>";
    return new EdgeStandIn.OriginResponse(
        status,
        Map.of("Content-Type", List.of("application/xml"), "Server", List.of("AmazonS3")),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
