package com.silverjems.archfixture.shelf;

/** PackageByFeatureRulesTest's feature with an internal type another feature can reach. */
public class Shelf {

  /** Not public: a subclass in another feature may use it, the rule may not let it. */
  protected static class Internal {
    public Internal() {}
  }
}
