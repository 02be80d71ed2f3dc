package com.example.hidden;

/** Reaches into a package autograd does not export. */
public final class UsesOps {
  private UsesOps() {}

  /** Never compiles on the module path. */
  public static Object add() {
    return new dev.chainrule.autograd.ops.Add();
  }
}
