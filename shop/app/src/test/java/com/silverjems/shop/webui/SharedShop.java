package com.silverjems.shop.webui;

/**
 * One shop for every browser test that does not need to stop it: starting Spring and a database
 * costs seconds on a shared build machine, and each test uses its own accounts and products so they
 * never see each other's changes. Stopped when the test JVM exits.
 */
final class SharedShop {

  private static RunningShop shop;

  private SharedShop() {}

  static synchronized RunningShop get() {
    if (shop == null) {
      shop = RunningShop.start("webui_shared");
      Runtime.getRuntime().addShutdownHook(new Thread(shop::close, "webui-shop-stop"));
    }
    return shop;
  }
}
