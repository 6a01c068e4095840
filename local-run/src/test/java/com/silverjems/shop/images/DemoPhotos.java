package com.silverjems.shop.images;

import com.silverjems.routes.images.TestImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * Studio-style photos of the demo catalogue's silver pieces, drawn with Java2D instead of committed
 * as megabytes of JPEG: the same product, angle and size always give the same pixels (fixed seeds,
 * no fonts, nothing from the machine). Each product gets several angles, as a jeweller would shoot
 * it: straight on, tilted, and a close-up of the detail.
 */
final class DemoPhotos {

  /**
   * The long side of an original: what a real camera would deliver, and more than any rendition.
   */
  static final int SIZE = 2400;

  /** The angles every product is shot from, in gallery order. */
  static final List<String> ANGLES = List.of("front", "tilted", "detail");

  private static final Color SILVER_DARK = new Color(96, 100, 108);
  private static final Color SILVER_MID = new Color(176, 180, 188);
  private static final Color SILVER_LIGHT = new Color(236, 238, 242);

  private DemoPhotos() {}

  /** The demo products this class knows how to draw (every product of {@code db/demo}). */
  static final List<String> PRODUCTS =
      List.of(
          "hammered-band-ring",
          "twisted-rope-ring",
          "moonstone-signet-ring",
          "pebble-pendant-necklace",
          "fine-curb-chain",
          "droplet-stud-earrings",
          "hoop-earrings-20mm");

  /** A JPEG of {@code slug} from {@code angle}, {@code size} pixels square. */
  static byte[] jpeg(String slug, String angle, int size) {
    return TestImages.jpeg(draw(slug, angle, size), 0.9f);
  }

  static BufferedImage draw(String slug, String angle, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      backdrop(g, size);
      // Model space: the piece fits in -1..1 on both axes, centred.
      AffineTransform view = new AffineTransform();
      view.translate(size / 2.0, size / 2.0);
      view.scale(size / 2.6, size / 2.6);
      switch (angle) {
        case "front" -> {}
        case "tilted" -> {
          view.rotate(Math.toRadians(-18));
          view.scale(1.0, 0.62);
        }
        case "detail" -> {
          // A close-up of what makes the piece: the stone, the pebble, a link, the clasp side.
          double[] focus = detailFocus(slug);
          view.scale(2.1, 2.1);
          view.translate(-focus[0], -focus[1]);
        }
        default -> throw new IllegalArgumentException("No such angle: " + angle);
      }
      shadow(g, size, angle);
      g.transform(view);
      Random random = new Random(slug.hashCode() * 31L + angle.hashCode());
      switch (slug) {
        case "hammered-band-ring" -> band(g, 0.16, random, true);
        case "twisted-rope-ring" -> rope(g);
        case "moonstone-signet-ring" -> signet(g, random);
        case "pebble-pendant-necklace" -> pendant(g);
        case "fine-curb-chain" -> chain(g);
        case "droplet-stud-earrings" -> studs(g);
        case "hoop-earrings-20mm" -> hoops(g);
        default -> band(g, 0.12, random, false);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static double[] detailFocus(String slug) {
    return switch (slug) {
      case "moonstone-signet-ring" -> new double[] {0, -0.72};
      case "pebble-pendant-necklace" -> new double[] {0, 0.6};
      case "fine-curb-chain" -> new double[] {0.25, 0.5};
      case "droplet-stud-earrings" -> new double[] {0.42, 0.05};
      case "hoop-earrings-20mm" -> new double[] {0.45, 0.0};
      default -> new double[] {0.5, -0.5};
    };
  }

  private static void backdrop(Graphics2D g, int size) {
    g.setPaint(
        new RadialGradientPaint(
            new Point2D.Float(size * 0.45f, size * 0.35f),
            size * 0.9f,
            new float[] {0f, 0.6f, 1f},
            new Color[] {
              new Color(253, 251, 248), new Color(238, 235, 230), new Color(214, 210, 204)
            }));
    g.fillRect(0, 0, size, size);
  }

  private static void shadow(Graphics2D g, int size, String angle) {
    if ("detail".equals(angle)) {
      return;
    }
    g.setPaint(
        new RadialGradientPaint(
            new Point2D.Float(size * 0.52f, size * 0.8f),
            size * 0.4f,
            new float[] {0f, 1f},
            new Color[] {new Color(0, 0, 0, 60), new Color(0, 0, 0, 0)}));
    g.fill(new Ellipse2D.Double(size * 0.12, size * 0.7, size * 0.8, size * 0.2));
  }

  /** Polished silver: dark rims, a bright band where the studio light falls. */
  private static MultipleGradientPaint metal(double x0, double y0, double x1, double y1) {
    return new LinearGradientPaint(
        new Point2D.Double(x0, y0),
        new Point2D.Double(x1, y1),
        new float[] {0f, 0.22f, 0.4f, 0.55f, 0.78f, 1f},
        new Color[] {SILVER_DARK, SILVER_MID, SILVER_LIGHT, Color.WHITE, SILVER_MID, SILVER_DARK},
        MultipleGradientPaint.CycleMethod.REFLECT);
  }

  private static Shape ring(double outer, double width) {
    Area band = new Area(new Ellipse2D.Double(-outer, -outer, 2 * outer, 2 * outer));
    double inner = outer - width;
    band.subtract(new Area(new Ellipse2D.Double(-inner, -inner, 2 * inner, 2 * inner)));
    return band;
  }

  private static void band(Graphics2D g, double width, Random random, boolean hammered) {
    Shape band = ring(0.78, width);
    g.setPaint(metal(-0.8, -0.8, 0.8, 0.8));
    g.fill(band);
    if (hammered) {
      // Facets left by the hammer: small bright and dark dents all round the band.
      Shape clip = g.getClip();
      g.clip(band);
      for (int i = 0; i < 140; i++) {
        double a = random.nextDouble() * 2 * Math.PI;
        double r = 0.78 - random.nextDouble() * width;
        double d = 0.025 + random.nextDouble() * 0.04;
        boolean bright = random.nextBoolean();
        g.setColor(bright ? new Color(255, 255, 255, 120) : new Color(70, 74, 82, 90));
        g.fill(new Ellipse2D.Double(Math.cos(a) * r - d / 2, Math.sin(a) * r - d / 2, d, d * 0.7));
      }
      g.setClip(clip);
    }
    g.setColor(new Color(80, 84, 92));
    g.setStroke(new BasicStroke(0.006f));
    g.draw(band);
  }

  private static void rope(Graphics2D g) {
    int strands = 2;
    int beads = 90;
    for (int s = 0; s < strands; s++) {
      for (int i = 0; i < beads; i++) {
        double a = (i + s * 0.5) * 2 * Math.PI / beads;
        double r = 0.7 + 0.035 * Math.sin(a * 24 + s * Math.PI);
        double x = Math.cos(a) * r;
        double y = Math.sin(a) * r;
        Graphics2D bead = (Graphics2D) g.create();
        bead.translate(x, y);
        bead.rotate(a + Math.PI / 4);
        bead.setPaint(metal(-0.04, -0.03, 0.04, 0.03));
        bead.fill(new Ellipse2D.Double(-0.055, -0.03, 0.11, 0.06));
        bead.setColor(new Color(90, 94, 102));
        bead.setStroke(new BasicStroke(0.004f));
        bead.draw(new Ellipse2D.Double(-0.055, -0.03, 0.11, 0.06));
        bead.dispose();
      }
    }
  }

  private static void signet(Graphics2D g, Random random) {
    band(g, 0.12, random, false);
    Shape head = new RoundRectangle2D.Double(-0.36, -1.02, 0.72, 0.5, 0.22, 0.22);
    g.setPaint(metal(-0.36, -1.0, 0.36, -0.5));
    g.fill(head);
    // A rainbow moonstone cabochon: milky white with a blue sheen off-centre.
    Ellipse2D stone = new Ellipse2D.Double(-0.26, -0.96, 0.52, 0.38);
    g.setPaint(
        new RadialGradientPaint(
            new Point2D.Double(-0.06, -0.84),
            0.3f,
            new float[] {0f, 0.35f, 0.7f, 1f},
            new Color[] {
              Color.WHITE,
              new Color(200, 220, 250),
              new Color(150, 180, 230),
              new Color(120, 130, 160)
            }));
    g.fill(stone);
    g.setColor(new Color(255, 255, 255, 170));
    g.fill(new Ellipse2D.Double(-0.16, -0.92, 0.12, 0.07));
  }

  private static void pendant(Graphics2D g) {
    chainCurve(g, 0.012f, 0.9);
    GeneralPath pebble = new GeneralPath();
    pebble.moveTo(0, 0.28);
    pebble.curveTo(0.32, 0.26, 0.4, 0.62, 0.22, 0.82);
    pebble.curveTo(0.06, 0.98, -0.3, 0.92, -0.34, 0.66);
    pebble.curveTo(-0.38, 0.42, -0.24, 0.3, 0, 0.28);
    pebble.closePath();
    g.setPaint(metal(-0.35, 0.3, 0.35, 0.9));
    g.fill(pebble);
    g.setColor(new Color(255, 255, 255, 150));
    g.fill(new Ellipse2D.Double(-0.16, 0.4, 0.16, 0.09));
    g.setColor(new Color(84, 88, 96));
    g.setStroke(new BasicStroke(0.006f));
    g.draw(pebble);
  }

  /** A fine chain hanging from the top corners down to the centre. */
  private static void chainCurve(Graphics2D g, float thickness, double depth) {
    GeneralPath chain = new GeneralPath();
    chain.moveTo(-0.95, -0.95);
    chain.curveTo(-0.7, 0.1, -0.25, 0.3, 0, 0.3);
    chain.curveTo(0.25, 0.3, 0.7, 0.1, 0.95, -0.95 * depth);
    g.setPaint(new GradientPaint(-1f, 0f, SILVER_MID, 1f, 0f, SILVER_DARK));
    g.setStroke(new BasicStroke(thickness));
    g.draw(chain);
    g.setColor(new Color(255, 255, 255, 140));
    g.setStroke(new BasicStroke(thickness / 3));
    g.draw(chain);
  }

  private static void chain(Graphics2D g) {
    int links = 34;
    for (int i = 0; i < links; i++) {
      double t = (double) i / (links - 1);
      double x = -0.95 + 1.9 * t;
      double y = -0.6 + 1.2 * (1 - Math.pow(2 * t - 1, 2));
      double slope = -2.4 * 2 * (2 * t - 1);
      Graphics2D link = (Graphics2D) g.create();
      link.translate(x, y);
      link.rotate(Math.atan(slope) + (i % 2 == 0 ? 0.25 : -0.25));
      Shape shape = ringShape(0.045, 0.026, 0.014);
      link.setPaint(metal(-0.045, -0.03, 0.045, 0.03));
      link.fill(shape);
      link.setColor(new Color(84, 88, 96));
      link.setStroke(new BasicStroke(0.003f));
      link.draw(shape);
      link.dispose();
    }
  }

  private static Shape ringShape(double rx, double ry, double wire) {
    Area link = new Area(new Ellipse2D.Double(-rx, -ry, 2 * rx, 2 * ry));
    link.subtract(
        new Area(new Ellipse2D.Double(-rx + wire, -ry + wire, 2 * (rx - wire), 2 * (ry - wire))));
    return link;
  }

  private static void studs(Graphics2D g) {
    for (double cx : new double[] {-0.42, 0.42}) {
      GeneralPath drop = new GeneralPath();
      drop.moveTo(cx, -0.55);
      drop.curveTo(cx + 0.1, -0.3, cx + 0.3, -0.05, cx + 0.3, 0.18);
      drop.curveTo(cx + 0.3, 0.42, cx + 0.14, 0.55, cx, 0.55);
      drop.curveTo(cx - 0.14, 0.55, cx - 0.3, 0.42, cx - 0.3, 0.18);
      drop.curveTo(cx - 0.3, -0.05, cx - 0.1, -0.3, cx, -0.55);
      drop.closePath();
      g.setPaint(metal(cx - 0.3, -0.5, cx + 0.3, 0.55));
      g.fill(drop);
      g.setColor(new Color(255, 255, 255, 180));
      g.fill(new Ellipse2D.Double(cx - 0.16, -0.02, 0.1, 0.2));
      g.setColor(new Color(84, 88, 96));
      g.setStroke(new BasicStroke(0.006f));
      g.draw(drop);
    }
  }

  private static void hoops(Graphics2D g) {
    for (double cx : new double[] {-0.45, 0.45}) {
      Graphics2D hoop = (Graphics2D) g.create();
      hoop.translate(cx, 0.05);
      Shape shape = ringShape(0.4, 0.52, 0.06);
      hoop.setPaint(metal(-0.4, -0.5, 0.4, 0.5));
      hoop.fill(shape);
      hoop.setColor(new Color(84, 88, 96));
      hoop.setStroke(new BasicStroke(0.005f));
      hoop.draw(shape);
      hoop.dispose();
    }
  }
}
