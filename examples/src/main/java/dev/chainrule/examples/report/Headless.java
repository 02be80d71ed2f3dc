package dev.chainrule.examples.report;

/** Puts AWT in headless mode before any image code runs, unless the user chose otherwise. */
final class Headless {
  private Headless() {}

  /** Sets {@code java.awt.headless=true} if the property is unset. Idempotent. */
  static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
