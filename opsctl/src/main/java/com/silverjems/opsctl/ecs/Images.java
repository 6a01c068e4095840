package com.silverjems.opsctl.ecs;

/** What people call an image: its tag, or a short digest when pinned by digest. */
public final class Images {

  private Images() {}

  /**
   * The tag of {@code registry/repo:tag}, {@code sha256:0123abcd} (12 hex digits) for a digest,
   * {@code latest} when untagged.
   */
  public static String tag(String image) {
    if (image == null) {
      return "-";
    }
    int at = image.indexOf('@');
    if (at >= 0) {
      String digest = image.substring(at + 1);
      int colon = digest.indexOf(':');
      return digest.substring(0, Math.min(digest.length(), colon + 13));
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : "latest";
  }

  /** The repository name without registry, e.g. {@code shop} of {@code 1.dkr.ecr.../shop:abc}. */
  public static String repository(String image) {
    if (image == null) {
      return "-";
    }
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    String withoutTag = colon > slash ? name.substring(0, colon) : name;
    return withoutTag.substring(slash + 1);
  }

  /** {@code repository:tag}, the short form shown in tables. */
  public static String shortName(String image) {
    return repository(image) + ":" + tag(image);
  }
}
