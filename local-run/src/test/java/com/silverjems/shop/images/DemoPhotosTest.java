package com.silverjems.shop.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DemoPhotosTest {

  @Test
  void originalsAreLargerThanAnyRenditionAndTheSameEveryTime() throws Exception {
    byte[] first = DemoPhotos.jpeg("hammered-band-ring", "front", DemoPhotos.SIZE);
    byte[] again = DemoPhotos.jpeg("hammered-band-ring", "front", DemoPhotos.SIZE);

    assertThat(first).isEqualTo(again);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(first));
    assertThat(decoded.getWidth()).isGreaterThanOrEqualTo(2000);
    assertThat(decoded.getHeight()).isGreaterThanOrEqualTo(2000);
    assertThat(PhotoType.of(first)).isEqualTo("image/jpeg");
  }

  @Test
  void everyProductHasSeveralAnglesEachADifferentPicture() {
    Set<Integer> pictures = new HashSet<>();
    for (String product : DemoPhotos.PRODUCTS) {
      for (String angle : DemoPhotos.ANGLES) {
        BufferedImage image = DemoPhotos.draw(product, angle, 240);
        pictures.add(java.util.Arrays.hashCode(image.getRGB(0, 0, 240, 240, null, 0, 240)));
      }
    }
    assertThat(DemoPhotos.ANGLES).hasSizeGreaterThanOrEqualTo(3);
    assertThat(pictures).hasSize(DemoPhotos.PRODUCTS.size() * DemoPhotos.ANGLES.size());
  }
}
