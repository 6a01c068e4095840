package com.silverjems.archfixture.till;

import com.silverjems.archfixture.shelf.Shelf;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.RestController;

/**
 * PackageByFeatureRulesTest's offender: another feature's internal type, and SQL in a controller.
 */
@RestController
class Till extends Shelf {

  private final DataSource database;

  Till(DataSource database) {
    this.database = database;
  }

  Object internal() {
    return new Internal();
  }
}
