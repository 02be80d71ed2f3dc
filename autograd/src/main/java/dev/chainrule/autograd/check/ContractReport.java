package dev.chainrule.autograd.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link LayerContract}: every {@link ContractItem} with PASS, FAIL or
 * SKIPPED, a one-line summary, and for failures the details that localise the error.
 * {@link #assertPassed()} throws with the whole report as the message.
 */
public final class ContractReport {
  /** How one item ended. */
  public enum Status {
    /** The property holds on the samples tried. */
    PASS,
    /** The property does not hold; the entry's details say where. */
    FAIL,
    /** The item did not run (not applicable, or skipped with a reason that the summary gives). */
    SKIPPED
  }

  /** One item's outcome; {@code details} is empty unless it failed. */
  public record Entry(ContractItem item, Status status, String summary, String details) {}

  private final String name;
  private final String arguments;
  private final Map<ContractItem, Entry> entries = new EnumMap<>(ContractItem.class);

  ContractReport(String name, String arguments) {
    this.name = name;
    this.arguments = arguments;
  }

  void add(Entry e) { entries.put(e.item(), e); }

  /** True when no item failed (skipped items do not fail a contract). */
  public boolean passed() {
    return failed().isEmpty();
  }

  /** The failed items, in order. */
  public List<ContractItem> failed() {
    List<ContractItem> f = new ArrayList<>();
    for (Entry e : entries.values()) if (e.status() == Status.FAIL) f.add(e.item());
    return f;
  }

  /**
   * How {@code item} ended.
   *
   * @throws IllegalStateException if the item did not run at all
   */
  public Status status(ContractItem item) { return entry(item).status(); }

  /**
   * The outcome of {@code item}, with its summary and, for a failure, its details.
   *
   * @throws IllegalStateException if the item did not run at all
   */
  public Entry entry(ContractItem item) {
    Entry e = entries.get(item);
    if (e == null) throw new IllegalStateException("contract " + name + ": item " + item + " did not run");
    return e;
  }

  /** Every item's outcome, in item order. */
  public List<Entry> entries() { return List.copyOf(entries.values()); }

  /** Throws an {@link AssertionError} carrying {@link #report()} when an item failed. */
  public ContractReport assertPassed() {
    if (!passed()) throw new AssertionError(report());
    return this;
  }

  /** Every item with its status and summary; the details of each failure below it. */
  public String report() {
    StringBuilder sb = new StringBuilder("LayerContract ").append(name).append(": ");
    List<ContractItem> failed = failed();
    long skipped = entries.values().stream().filter(e -> e.status() == Status.SKIPPED).count();
    if (failed.isEmpty()) {
      sb.append("passed, ").append(entries.size() - skipped).append(" items checked, ").append(skipped).append(" skipped");
    } else {
      sb.append("FAILED item");
      if (failed.size() > 1) sb.append('s');
      for (int i = 0; i < failed.size(); i++) sb.append(i == 0 ? " " : ", ").append(failed.get(i).number());
    }
    if (!failed.isEmpty()) sb.append(" of ").append(ContractItem.values().length);
    sb.append("\n  arguments: ").append(arguments);
    for (Entry e : entries.values()) {
      sb.append(String.format("%n  %-78s %s", e.item(), e.status()));
      if (!e.summary().isEmpty()) sb.append(e.status() == Status.SKIPPED ? " (" + e.summary() + ")" : ": " + e.summary());
      if (!e.details().isEmpty()) sb.append("\n      ").append(e.details().replace("\n", "\n      "));
    }
    return sb.toString();
  }

  @Override public String toString() { return report(); }
}
