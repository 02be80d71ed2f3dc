package dev.chainrule.autograd.profile;

/**
 * One row of a profile: every call of one operation in one phase.
 *
 * @param op the operation's name ({@code Function.name()})
 * @param phase {@code "forward"} or {@code "backward"}
 * @param calls how many times it ran
 * @param totalNanos wall time inside it, including the operations it applied itself
 * @param selfNanos wall time inside it minus the time of the operations it applied
 * @param selfCpuNanos this thread's CPU time inside it minus that of the operations it applied: on a
 *     loaded machine, where the thread waits for a core, the steadier figure
 * @param selfAllocatedBytes bytes this thread allocated inside it, minus those of the operations it applied
 */
public record OpStats(String op, String phase, long calls, long totalNanos, long selfNanos, long selfCpuNanos,
                      long selfAllocatedBytes) {

  OpStats plus(long total, long self, long selfCpu, long allocated) {
    return new OpStats(op, phase, calls + 1, totalNanos + total, selfNanos + self, selfCpuNanos + selfCpu,
        selfAllocatedBytes + allocated);
  }
}
