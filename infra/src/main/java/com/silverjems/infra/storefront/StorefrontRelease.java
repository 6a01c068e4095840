package com.silverjems.infra.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the release uploads to the storefront bucket: the one contract between {@code deploy.yml}
 * (which uploads it) and the edge stand-in (which serves it, as the bucket would).
 *
 * <p>The shop's static site ({@code shop/app/src/main/resources/static}) has no build step and no
 * hashed names. The release gives it immutable, long-cached assets without one: every file but the
 * pages ({@code *.html}) and the service worker ({@code sw.js}, which must keep its address) moves
 * under {@code assets/<hash>/}, where the hash covers every asset's path and content, and every
 * quoted absolute reference to an asset ({@code "/js/api.js"}, {@code '/img/x.svg'}) in the site's
 * text files is rewritten to its new key. Relative module imports keep working because all assets
 * of a release move together. A changed asset gives a new hash, so yesterday's cached HTML keeps
 * finding yesterday's assets (the upload never deletes {@code assets/}).
 *
 * <ul>
 *   <li>{@code assets/**}: {@value #IMMUTABLE}
 *   <li>pages and {@code sw.js}: {@value #SHORT}; only changed pages need invalidating (CloudFront
 *       caches them under the key the viewer-request function rewrote the address to).
 * </ul>
 *
 * <p>Run as a program, it writes the upload: {@code java -cp infra/target/classes
 * com.silverjems.infra.storefront.StorefrontRelease <site folder> <out folder>} fills {@code
 * <out>/site/} with the objects (path = key) and writes {@code <out>/objects.tsv}: key, SHA-256,
 * Content-Type, Cache-Control per line.
 */
public final class StorefrontRelease {

  /** Cache-Control of content-hashed assets. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** Cache-Control of pages and the service worker: short, revalidated. */
  public static final String SHORT = "public, max-age=60, must-revalidate";

  /** Where assets go; the hash follows. */
  public static final String ASSETS_PREFIX = "assets/";

  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("json", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("woff2", "font/woff2"));

  private static final List<String> TEXT = List.of("html", "js", "mjs", "css", "webmanifest");

  private final String hash;
  private final List<StorefrontObject> objects;

  private StorefrontRelease(String hash, List<StorefrontObject> objects) {
    this.hash = hash;
    this.objects = objects;
  }

  /** One object to upload: its key, bytes and the headers S3 keeps with it. */
  public record StorefrontObject(
      String key, byte[] content, String contentType, String cacheControl) {

    public String sha256() {
      return hex(digest().digest(content));
    }

    public boolean page() {
      return key.endsWith(".html");
    }
  }

  /** The release of the static site in {@code site}. */
  public static StorefrontRelease of(Path site) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(site)) {
      files =
          walk.filter(Files::isRegularFile)
              .sorted(Comparator.comparing(p -> site.relativize(p).toString()))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the site at " + site, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No files in " + site);
    }
    MessageDigest all = digest();
    List<String> assets = new ArrayList<>();
    for (Path file : files) {
      String path = "/" + site.relativize(file).toString().replace('\\', '/');
      all.update(path.getBytes(StandardCharsets.UTF_8));
      all.update(read(file));
      if (!stable(path)) {
        assets.add(path);
      }
    }
    String hash = hex(all.digest()).substring(0, 16);
    String prefix = "/" + ASSETS_PREFIX + hash;
    List<StorefrontObject> objects = new ArrayList<>();
    for (Path file : files) {
      String path = "/" + site.relativize(file).toString().replace('\\', '/');
      String extension = extension(path);
      byte[] content = read(file);
      if (TEXT.contains(extension)) {
        String text = new String(content, StandardCharsets.UTF_8);
        for (String asset : assets) {
          for (char quote : new char[] {'"', '\'', '`'}) {
            text = text.replace(quote + asset + quote, quote + prefix + asset + quote);
          }
        }
        content = text.getBytes(StandardCharsets.UTF_8);
      }
      String key = stable(path) ? path.substring(1) : (prefix + path).substring(1);
      objects.add(
          new StorefrontObject(
              key,
              content,
              CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"),
              stable(path) ? SHORT : IMMUTABLE));
    }
    return new StorefrontRelease(hash, List.copyOf(objects));
  }

  /** Pages and the service worker keep their names: they are what addresses point at. */
  static boolean stable(String path) {
    return path.endsWith(".html") || path.equals("/sw.js");
  }

  /** The hash of this release's assets (their folder under {@code assets/}). */
  public String hash() {
    return hash;
  }

  public List<StorefrontObject> objects() {
    return objects;
  }

  /** Writes {@code out/site/<key>} for every object and {@code out/objects.tsv}. */
  public void writeTo(Path out) {
    try {
      Path root = out.resolve("site");
      StringBuilder tsv = new StringBuilder();
      for (StorefrontObject object : objects) {
        Path file = root.resolve(object.key());
        Files.createDirectories(file.getParent());
        Files.write(file, object.content());
        tsv.append(object.key())
            .append('\t')
            .append(object.sha256())
            .append('\t')
            .append(object.contentType())
            .append('\t')
            .append(object.cacheControl())
            .append('\n');
      }
      Files.writeString(out.resolve("objects.tsv"), tsv);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the release to " + out, e);
    }
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: StorefrontRelease <site folder> <out folder>");
      System.exit(64);
    }
    StorefrontRelease release = of(Path.of(args[0]));
    release.writeTo(Path.of(args[1]));
    System.err.println(
        "storefront release "
            + release.hash()
            + ": "
            + release.objects().size()
            + " objects in "
            + Path.of(args[1]).resolve("site"));
  }

  private static String extension(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
