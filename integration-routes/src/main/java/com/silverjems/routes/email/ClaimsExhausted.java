package com.silverjems.routes.email;

/**
 * An event was claimed more often than the attempt limit without an outcome being recorded: each
 * try died with its instance (a crash, a kill on deploy). Giving up keeps a poison event from
 * taking instances down forever.
 */
final class ClaimsExhausted extends RuntimeException {
  ClaimsExhausted(int attempts) {
    super("claimed " + attempts + " times without an outcome (instances died while handling it)");
  }
}
