"""Builds the ratio table of benchmarks/compare.sh from the raw outputs in one directory.

Reads (all written by compare.sh into OUT):
  meta.txt                      key=value lines: date, CPU, JDKs, Python package versions, load
  epoch-{17,newest}.txt         RESULT name=chainrule_course_epoch (CourseEpochTimer)
  full-{17,newest}.txt          RESULT name=chainrule_course_full (CourseEpochTimer --full)
  peers.txt                     RESULT lines of python/run_peers.sh (each with the BLAS it loaded)
  java-peers.txt                RESULT lines of java-peers/run.sh (DJL, DL4J)
  limit-{17,newest}.txt         RESULT lines of LimitProbe (FMA peak, step, large products; CPU clock)
  lenet-{17,newest,torch}.txt   RESULT lines of LeNetCpuTime and python/lenet_cpu_torch.py (4c. convolution)
  jvm-*.txt                     every JVM's command line and -XX:+PrintFlagsFinal
  jmh-{gemm,elem,reduce,train,fma}-{17,newest}.json   JMH -rf json (and .log)
  seq-{17,newest}.txt, seq-torch.txt   4d. sequences: RESULT lines of SequenceStepCpuTime and of
                                python/sequence_step_torch.py (LSTM step, attention block, CPU µs)

A peer whose BLAS is not OpenBLAS, or that did not learn, is marked invalid: its ratio is shown
but counts neither as met nor as missed.

Prints the tables (Markdown) on stdout; with --write FILE also writes RESULTS.md there.
Ratios are always ours / peer of the quantity in the row: for times lower is better, for
GFLOP/s higher is better; the target column says which way.
"""
import argparse
import json
import os
import statistics
import sys

JDKS = ("17", "newest")
MNIST_GEMM = [  # (JMH shape, NumPy (m, k, n, layout), label); layout as sgemm_numpy.py: A, At, Bt
    # book layout (W stored [in, out] = 784x100)
    ("10x784x100", (10, 784, 100, "A"), "10×784×100 (forward x·W, book layout, both plain)"),
    ("784x10x100:tA", (784, 10, 100, "At"), "784×10×100, Aᵀ (weight gradient xᵀ·dy, book layout)"),
    # what our Dense layer runs (W stored [out, in] = 100x784)
    ("10x784x100:tB", (10, 784, 100, "Bt"), "10×784×100, Bᵀ (forward x·Wᵀ as our Dense runs it)"),
    ("10x100x784", (10, 100, 784, "A"), "10×100×784 (input gradient dy·W, both plain)"),
    ("100x10x784:tA", (100, 10, 784, "At"), "100×10×784, Aᵀ (weight gradient dyᵀ·x as our Dense runs it)"),
    ("10000x784x100", (10000, 784, 100, "A"), "10000×784×100 (test set forward)"),
]
SQUARE_GEMM = ("512x512x512", (512, 512, 512, "A"), "512×512×512")


def read_meta(out):
    meta = {}
    path = os.path.join(out, "meta.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    return meta


def read_results(path):
    """RESULT k=v ... lines of a file, as dicts (missing file: empty list)."""
    if not os.path.exists(path):
        return []
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("RESULT "):
            rows.append(dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv))
    return rows


def result(rows, name, **match):
    for r in rows:
        if r.get("name") == name and all(r.get(k) == str(v) for k, v in match.items()):
            return r
    return None


def read_jmh(out, name, jdk):
    path = os.path.join(out, "jmh-%s-%s.json" % (name, jdk))
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def jmh_find(runs, method, **params):
    for r in runs:
        if r["benchmark"].rsplit(".", 1)[1] != method:
            continue
        if all(r["params"].get(k) == str(v) for k, v in params.items()):
            raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
            return {"score": r["primaryMetric"]["score"], "median": statistics.median(raw),
                    "min": min(raw), "max": max(raw), "unit": r["primaryMetric"]["scoreUnit"],
                    "jdk": r.get("jdkVersion", "?")}
    return None


def gflops(j, m, k, n):
    """JMH throughput (ops/s) to GFLOP/s: median, min, max over iterations."""
    f = 2.0 * m * k * n / 1e9
    return {"median": j["median"] * f, "min": j["min"] * f, "max": j["max"] * f}


def fmt(x, digits=3):
    if x is None:
        return "—"
    if abs(x) >= 100:
        return "%.0f" % x
    if abs(x) >= 10:
        return "%.1f" % x
    return ("%%.%df" % digits) % x


def spread(lo, hi, digits=3):
    return "%s–%s" % (fmt(lo, digits), fmt(hi, digits))


def peer_validity(r):
    """None when the peer's figures can be compared, else why not (BLAS, learning)."""
    if r is None:
        return None
    blas = r.get("blas")
    if blas is None:
        return "BLAS not reported"
    if not blas.startswith("openblas"):
        return "BLAS %s, not OpenBLAS" % blas
    if r.get("learned") == "no":
        return "did not learn (test accuracy %s)" % r.get("test_accuracy")
    return None


def met(value, op, target):
    if value is None:
        return "n/a"
    ok = value <= target if op == "<=" else value >= target
    return "yes" if ok else "**no**"


def build_tables(out):
    meta = read_meta(out)
    peers = read_results(os.path.join(out, "peers.txt"))
    epoch = {v: result(read_results(os.path.join(out, "epoch-%s.txt" % v)), "chainrule_course_epoch") for v in JDKS}
    full = {v: result(read_results(os.path.join(out, "full-%s.txt" % v)), "chainrule_course_full") for v in JDKS}
    full_epoch = {v: result(read_results(os.path.join(out, "full-%s.txt" % v)), "chainrule_course_epoch") for v in JDKS}
    jmh = {(n, v): read_jmh(out, n, v) for n in ("gemm", "elem", "reduce", "train", "fma") for v in JDKS}

    rows = []  # (metric, peer, peer value, {jdk: (ours text, ratio)}, target text, op, target, invalid)

    def add(metric, peer, peer_value, ours, ratio_of, target_text=None, op=None, target=None, invalid=None):
        cells = {}
        for v in JDKS:
            value, text = ours.get(v, (None, "—"))
            cells[v] = (text, ratio_of(value) if value is not None else None)
        rows.append((metric, peer, peer_value, cells, target_text, op, target, invalid))

    def f(r, key):
        return float(r[key]) if r and key in r else None

    ep = {v: (f(epoch[v], "seconds"), "%s s (epochs 2–%s: %s; 1st %s)" % (
        fmt(f(epoch[v], "seconds")), epoch[v]["epochs"] if epoch[v] else "?",
        spread(f(epoch[v], "min_seconds"), f(epoch[v], "max_seconds")), fmt(f(epoch[v], "first_epoch_seconds"), 2)))
        for v in JDKS if epoch[v]}
    add("Course epoch, s (784-100-10, batch 10, 50k images, Trainer + autograd)", "target", "0.3 s",
        ep, lambda s: s / 0.3, "≤ 1.0 (≤ 0.3 s)", "<=", 1.0)
    for name, label, target in (("course_numpy_minibatch", "NumPy mini-batch", 1 / 1.5),
                                ("course_torch", "PyTorch CPU", 1 / 5.0),
                                ("course_numpy_per_sample", "NumPy per-sample (network.py)", None)):
        p = result(peers, name)
        ps = f(p, "seconds")
        add("Course epoch, s, vs %s" % label, label,
            "%s s (acc %s; BLAS %s)" % (fmt(ps), p["test_accuracy"], p.get("blas", "?")) if p else "—",
            ep, (lambda s, ps=ps: s / ps if ps else None),
            ("≤ %.3f (%.1fx faster)" % (target, 1 / target)) if target else None, "<=" if target else None, target,
            peer_validity(p))
    java_peers = read_results(os.path.join(out, "java-peers.txt"))
    for name, label in (("course_djl", "DJL 0.36 on PyTorch"), ("course_dl4j", "DL4J 1.0.0-M2.1 on ND4J")):
        p = result(java_peers, name)
        ps = f(p, "seconds")
        add("Course epoch, s, vs %s (Java, 1 thread)" % label, label,
            ("%s s (epochs 2–%s: %s; 1st %s; acc %s after %s epochs, learned: %s; BLAS %s; CPU/wall %s)"
             % (fmt(ps), p.get("epochs"), spread(f(p, "min_seconds"), f(p, "max_seconds")),
                fmt(f(p, "first_epoch_seconds"), 2), p.get("test_accuracy"), p.get("epochs"), p.get("learned"),
                p.get("blas"), p.get("cpu_per_wall"))) if p else "— (not run: compare.sh --no-java-peers, or it failed)",
            ep, (lambda s, ps=ps: s / ps if ps else None), "≤ 1.0 (faster)", "<=", 1.0, peer_validity(p))
        # The same by CPU seconds: on a busy machine a wall clock also counts the time slices
        # other processes took. Ours: Java threads + GC of the median warm epoch; theirs: the
        # process's CPU over the warm epochs, per epoch.
        pc = ps * f(p, "cpu_per_wall") if p and ps and f(p, "cpu_per_wall") else None
        ours_cpu = {v: (f(epoch[v], "steady_cpu_java") + f(epoch[v], "steady_cpu_gc"),
                        "%s CPU s" % fmt(f(epoch[v], "steady_cpu_java") + f(epoch[v], "steady_cpu_gc")))
                    for v in JDKS if epoch[v] and "steady_cpu_java" in epoch[v]}
        add("Course epoch vs %s, by CPU seconds per warm epoch (the process's own threads)" % label, label,
            "%s CPU s" % fmt(pc) if pc else "—", ours_cpu, (lambda c, pc=pc: c / pc if pc else None),
            "≤ 1.0 (faster)", "<=", 1.0, peer_validity(p))
    def full_detail(r):
        # eval=background: each epoch's evaluation ran on a second thread beside the next epoch's
        # training, so train + eval is more than the run (older runs had no eval= field: serial)
        beside = r.get("eval") == "background"
        return "%s s (train %s%s eval %s%s; JVM wall %s)" % (
            fmt(f(r, "seconds"), 2), fmt(f(r, "train_seconds"), 2), "; beside it," if beside else " +",
            fmt(f(r, "eval_seconds"), 2), " on a second thread" if beside else "", fmt(f(r, "jvm_wall_seconds"), 2))
    fl = {v: (f(full[v], "seconds"), full_detail(full[v])) for v in JDKS if full[v]}
    add("30-epoch course run + per-epoch test eval, s", "target", "12 s", fl, lambda s: s / 12.0,
        "≤ 1.0 (< 12 s)", "<=", 1.0)
    first = {v: (f(full_epoch[v], "first_epoch_seconds") / f(full_epoch[v], "seconds"),
                 "1st %s s vs steady %s s" % (fmt(f(full_epoch[v], "first_epoch_seconds"), 2), fmt(f(full_epoch[v], "seconds"))))
             for v in JDKS if full_epoch[v]}
    add("First epoch from a cold JVM / steady epoch (30-epoch run)", "own steady epoch", "median of epochs 2–30",
        first, lambda r: r, "≤ 1.5", "<=", 1.5)
    process = {v: result(read_results(os.path.join(out, "full-%s.txt" % v)), "chainrule_course_process") for v in JDKS}
    whole = {v: (f(process[v], "seconds") / (30 * f(full_epoch[v], "seconds")),
                 "%s s vs 30 × %s s" % (fmt(f(process[v], "seconds"), 2), fmt(f(full_epoch[v], "seconds"))))
             for v in JDKS if process[v] and full_epoch[v]}
    add("Whole 30-epoch run as a user waits (JVM start, loading, training, 30 evaluations) / 30 steady epochs",
        "own steady epoch", "30 × median of epochs 2–30", whole, lambda r: r, "≤ 1.2", "<=", 1.2)

    for shape, (m, k, n, layout), label in MNIST_GEMM + [SQUARE_GEMM]:
        p = result(peers, "sgemm_numpy", m=m, k=k, n=n, layout=layout)
        pg = f(p, "median_gflops")
        ours = {}
        for v in JDKS:
            j = jmh_find(jmh[("gemm", v)], "gemm", kernels="simd", shape=shape)
            if j:
                g = gflops(j, m, k, n)
                ours[v] = (g["median"], "%s (%s)" % (fmt(g["median"], 1), spread(g["min"], g["max"], 1)))
        target = 0.95 if shape == SQUARE_GEMM[0] else 0.80
        add("sgemm GFLOP/s, 1 thread, %s" % label, "NumPy BLAS: %s (%s)" % (p.get("blas", "?") if p else "?",
                                                                          p.get("arch", "?") if p else "?"),
            "%s (best %s)" % (fmt(pg, 1), fmt(f(p, "gflops"), 1)) if p else "—",
            ours, (lambda g, pg=pg: g / pg if pg else None), "≥ %.2f" % target, ">=", target, peer_validity(p))

    for op, baseline, base_label in (("exp", "mathExpLoop", "Math.exp loop"),
                                     ("sigmoid", "mathSigmoidLoop", "1/(1+Math.exp(-x)) loop")):
        for n in (1000, 100000):
            ours, base = {}, {}
            for v in JDKS:
                j = jmh_find(jmh[("elem", v)], "kernel", kernels="simd", op=op, n=n)
                b = jmh_find(jmh[("elem", v)], baseline, n=n)
                if j and b:
                    ours[v] = (j["median"] / b["median"], "%s µs vs %s µs (%.1fx)" % (
                        fmt(j["median"]), fmt(b["median"]), b["median"] / j["median"]))
                    base[v] = b["median"]
            add("SIMD %s, n=%d, µs/call" % (op, n), base_label + " (same JDK)",
                "; ".join("%s: %s µs" % ("17" if v == "17" else "newest", fmt(base[v])) for v in JDKS if v in base) or "—",
                ours, lambda r: r, "≤ 0.033 (≥ 30x)", "<=", 1 / 30, None)

    # --- 4c. convolution (issue 10): LeNet-5 step and its convolutions, thread CPU time, one thread ---
    lenet = {v: read_results(os.path.join(out, "lenet-%s.txt" % v)) for v in JDKS}
    lenet_torch = read_results(os.path.join(out, "lenet-torch.txt"))
    for figure, label in (("lenet_step", "LeNet-5 training step (SGD momentum)"),
                          ("lenet_conv1", "conv 1→6 5x5 pad 2 on 28x28, forward + backward (input, weight, bias)"),
                          ("lenet_conv2", "conv 6→16 5x5 on 14x14, forward + backward (input, weight, bias)")):
        for b in (32, 128):
            p = result(lenet_torch, "torch_" + figure, batch=b)
            backend = result(lenet_torch, "torch_conv_backend", batch=b)
            pv = f(p, "us_cpu_median")
            ours = {v: (f(r, "us_cpu_median"), "%s µs (best %s)" % (fmt(f(r, "us_cpu_median")), fmt(f(r, "us_cpu_best"))))
                    for v in JDKS for r in [result(lenet[v], figure, batch=b)] if r}
            invalid = None
            if backend and backend.get("conv1") != "mkldnn_convolution" and backend.get("blas") != "openblas":
                invalid = "PyTorch conv on %s with BLAS %s" % (backend.get("conv1"), backend.get("blas"))
            add("%s, batch %d, µs of thread CPU" % (label, b),
                "PyTorch %s, 1 thread%s" % (p.get("torch", "?") if p else "?",
                                            " (conv: %s; BLAS %s)" % (backend.get("conv1"), backend.get("blas")) if backend else ""),
                "%s µs (best %s)" % (fmt(pv), fmt(f(p, "us_cpu_best"))) if p else "—",
                ours, (lambda u, pv=pv: u / pv if pv else None), "≤ 1.0 (as fast)", "<=", 1.0, invalid)
    # --- end 4c. convolution ---

    # --- 4d. sequences (seqspeed, issue 11): CPU µs per step, ours (thread + GC) / PyTorch's thread
    seq_torch = read_results(os.path.join(out, "seq-torch.txt"))
    seq_ours = {v: read_results(os.path.join(out, "seq-%s.txt" % v)) for v in JDKS}
    for which, label in (("lstm", "LSTM training step (batch 64, LSTM 28→128 over 28 steps, linear head, "
                                  "cross-entropy, Adam), CPU µs/step"),
                         ("attention", "Attention block step (batch 32, sequence 64, d_model 128, 4 heads: "
                                       "LayerNorm(x + MultiheadAttention(x)), forward + backward), CPU µs/step")):
        p = result(seq_torch, "torch_%s_step" % which)
        pu = f(p, "us_per_step")
        ours = {}
        for v in JDKS:
            r = result(seq_ours[v], "chainrule_%s_step" % which)
            if r:
                ours[v] = (f(r, "us_per_step"), "%s µs (thread %s + GC %s; %s)" % (
                    fmt(f(r, "us_per_step")), fmt(f(r, "thread_us")), fmt(f(r, "gc_us")),
                    spread(f(r, "min_us"), f(r, "max_us"))))
        add(label, "PyTorch %s CPU, 1 thread" % (p.get("torch", "?") if p else "?"),
            "%s µs (%s; BLAS %s)" % (fmt(pu), spread(f(p, "min_us"), f(p, "max_us")), p.get("blas", "?")) if p else "—",
            ours, (lambda u, pu=pu: u / pu if pu else None), "≤ 1.0 (at least as fast)", "<=", 1.0, peer_validity(p))
    # --- end of 4d. sequences

    # SIMD vs scalar (ours / ours)
    twins = []

    def twin(label, name, unit, simd, scalar, convert=None):
        """simd, scalar: (JMH method, params) selecting the two twins' runs."""
        cells = {}
        for v in JDKS:
            s = jmh_find(jmh[(name, v)], simd[0], **simd[1])
            c = jmh_find(jmh[(name, v)], scalar[0], **scalar[1])
            if s and c:
                sv, cv = s["median"], c["median"]
                if convert:
                    sv, cv = convert(sv), convert(cv)
                cells[v] = (sv, cv)
        twins.append((label, unit, cells))

    for shape, (m, k, n, _), label in MNIST_GEMM + [SQUARE_GEMM]:
        twin("gemm " + shape, "gemm", "GFLOP/s", ("gemm", {"kernels": "simd", "shape": shape}),
             ("gemm", {"kernels": "scalar", "shape": shape}),
             convert=lambda ops, m=m, k=k, n=n: ops * 2.0 * m * k * n / 1e9)
    for op in ("exp", "sigmoid"):
        for n in (1000, 100000):
            twin("%s n=%d" % (op, n), "elem", "µs/call", ("kernel", {"kernels": "simd", "op": op, "n": n}),
                 ("kernel", {"kernels": "scalar", "op": op, "n": n}))
    for n in (1000, 100000):
        twin("sum n=%d" % n, "reduce", "µs/call", ("sum", {"kernels": "simd", "n": n}),
             ("sum", {"kernels": "scalar", "n": n}))
    for b in (10, 100):
        twin("training step, batch %d" % b, "train", "µs/step", ("simd", {"batch": b}), ("scalar", {"batch": b}))

    return meta, rows, twins, epoch, full, full_epoch, peers, jmh


def render(out):
    meta, rows, twins, epoch, full, full_epoch, peers, jmh = build_tables(out)
    jdk_name = {"17": "JDK 17", "newest": "JDK %s" % (meta.get("jdk_newest", "newest").split("+")[0].split(" ")[0])}
    lines = []
    lines.append("| metric | peer | peer value | ours, %s | ours/peer | ours, %s | ours/peer | target (ours/peer) | met %s / %s |"
                 % (jdk_name["17"], jdk_name["newest"], jdk_name["17"], jdk_name["newest"]))
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    misses = []
    for metric, peer, peer_value, cells, target_text, op, target, invalid in rows:
        c17, cn = cells["17"], cells["newest"]
        m17 = met(c17[1], op, target) if op else ""
        mn = met(cn[1], op, target) if op else ""
        if invalid:
            verdict = "**invalid**: %s" % invalid
        else:
            verdict = ("%s / %s" % (m17, mn)) if op else "—"
            for v, m in (("17", m17), ("newest", mn)):
                if m == "**no**":
                    misses.append("%s on %s: ours/peer %s, target %s" % (metric, jdk_name[v], fmt(cells[v][1]), target_text))
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            metric, peer, peer_value, c17[0], fmt(c17[1]), cn[0], fmt(cn[1]), target_text or "—", verdict))
    table = "\n".join(lines)

    tl = ["| kernel | unit | SIMD, %s | scalar, %s | SIMD/scalar | SIMD, %s | scalar, %s | SIMD/scalar |"
          % (jdk_name["17"], jdk_name["17"], jdk_name["newest"], jdk_name["newest"]),
          "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, unit, cells in twins:
        row = ["%s" % label, unit]
        for v in JDKS:
            if v in cells:
                s, c = cells[v]
                row += [fmt(s), fmt(c), fmt(s / c)]
            else:
                row += ["—", "—", "—"]
        tl.append("| " + " | ".join(row) + " |")
    for b in (10, 100):
        steps = 50000 // b
        implied = []
        for v in JDKS:
            t = jmh_find(jmh[("train", v)], "simd", batch=b)
            implied.append("%s %s s" % (jdk_name[v], fmt(t["median"] * steps / 1e6)) if t else "%s —" % jdk_name[v])
        tl.append("| implied epoch, batch %d (%d SIMD steps) | s | %s |  |  |  |  |  |" % (b, steps, "; ".join(implied)))
    twin_table = "\n".join(tl)
    extra = {"cold": cold_start_table(out, jdk_name), "limit": limit_table(out, jmh, jdk_name),
             "train": train_spread(out, jmh, jdk_name), "flags": jvm_flags(out)}
    return meta, table, twin_table, misses, epoch, full, full_epoch, extra


def cold_start_table(out, jdk_name):
    """What each part of the 30-epoch run cost, per JDK: wall and CPU by thread kind."""
    lines = ["| part | %s | %s |" % (jdk_name["17"], jdk_name["newest"]), "| --- | --- | --- |"]
    runs = {v: result(read_results(os.path.join(out, "full-%s.txt" % v)), "chainrule_course_epoch") for v in JDKS}
    procs = {v: result(read_results(os.path.join(out, "full-%s.txt" % v)), "chainrule_course_process") for v in JDKS}

    def cell(v, fn):
        r = runs[v]
        try:
            return fn(r, procs[v]) if r else "—"
        except (KeyError, TypeError, ValueError):
            return "—"
    g = lambda r, k: float(r[k])
    parts = [
        ("JVM start to main, s", lambda r, p: "%.2f" % g(r, "start_seconds")),
        ("data loading, s (CPU: Java threads, GC)", lambda r, p: "%.2f (%.2f, %.2f; %s GCs)" % (
            g(r, "load_seconds"), g(r, "load_cpu_java"), g(r, "load_cpu_gc"), r["load_gc_count"])),
        ("first epoch, s", lambda r, p: "%.2f" % g(r, "first_epoch_seconds")),
        ("first epoch CPU s: Java threads / C2 / C1 / GC; GC count, ms in GC", lambda r, p: "%.2f / %.2f / %.2f / %.2f; %s, %s ms" % (
            g(r, "first_cpu_java"), g(r, "first_cpu_c2"), g(r, "first_cpu_c1"), g(r, "first_cpu_gc"), r["first_gc_count"], r["first_gc_ms"])),
        ("steady epoch (median of 2–30), s", lambda r, p: "%.3f" % g(r, "seconds")),
        ("steady epoch CPU s: Java threads / C2 / GC; GC count, ms in GC", lambda r, p: "%.2f / %.2f / %.2f; %s, %s ms" % (
            g(r, "steady_cpu_java"), g(r, "steady_cpu_c2"), g(r, "steady_cpu_gc"), r["steady_gc_count"], r["steady_gc_ms"])),
        ("whole process (as a user waits), s", lambda r, p: "%.2f" % g(p, "seconds")),
    ]
    for label, fn in parts:
        lines.append("| %s | %s | %s |" % (label, cell("17", fn), cell("newest", fn)))
    return "\n".join(lines)


def limit_table(out, jmh, jdk_name):
    """Distance to the limit: the step's GFLOP/s against the FMA peak, by the CPU clock (LimitProbe)
    and, beside it, by JMH's wall clock."""
    lines = ["| figure | %s | %s |" % (jdk_name["17"], jdk_name["newest"]), "| --- | --- | --- |"]
    probe = {v: read_results(os.path.join(out, "limit-%s.txt" % v)) for v in JDKS}

    def peak(v):
        rows = [r for r in probe[v] if r.get("name") == "fma_peak"]
        return max(rows, key=lambda r: float(r["gflops_cpu_best"])) if rows else None

    def get(v, name):
        return result(probe[v], name)
    cells = {}
    for v in JDKS:
        pk, st, lp = peak(v), get(v, "training_step"), get(v, "large_products")
        c = {}
        if pk:
            c["peak"] = "%.0f GFLOP/s (%s independent chains; median %.0f)" % (
                float(pk["gflops_cpu_best"]), pk["chains"], float(pk["gflops_cpu_median"]))
        if st:
            c["step"] = "%.1f µs, %.1f GFLOP/s" % (float(st["us_cpu_median"]), float(st["gflops_cpu_median"]))
            if pk:
                c["share"] = "%.0f%%" % (100 * float(st["gflops_cpu_median"]) / float(pk["gflops_cpu_best"]))
        if lp:
            c["products"] = "%.1f µs, %.1f GFLOP/s" % (float(lp["us_cpu_median"]), float(lp["gflops_cpu_median"]))
        if st and lp:
            outside = float(st["us_cpu_median"]) - float(lp["us_cpu_median"])
            c["outside"] = "%.1f µs (%.0f%% of the step)" % (outside, 100 * outside / float(st["us_cpu_median"]))
        fma = jmh_find(jmh[("fma", v)], "chains16") if jmh.get(("fma", v)) else None
        step = jmh_find(jmh[("train", v)], "simd", batch=10)
        prods = jmh_find(jmh[("train", v)], "largeProducts", batch=10)
        if fma and step:
            g = 3196000 / step["median"] / 1e3
            c["jmh"] = "peak %.0f GFLOP/s (chains16); step %.1f µs = %.1f GFLOP/s (%.0f%%)%s" % (
                fma["median"] / 1e9, step["median"], g, 100 * g / (fma["median"] / 1e9),
                "; products %.1f µs, outside %.1f µs" % (prods["median"], step["median"] - prods["median"]) if prods else "")
        cells[v] = c
    for key, label in (("peak", "FMA peak, one core (CPU clock)"),
                       ("step", "training step, batch 10 (CPU clock; 3.196 MFLOP of matrix products)"),
                       ("share", "step GFLOP/s as a share of the peak"),
                       ("products", "the two large products alone (x·W1ᵀ, dyᵀ·x; 3.136 MFLOP)"),
                       ("outside", "step time outside the two large products"),
                       ("jmh", "the same by JMH's wall clock (FmaPeakBench, TrainingStepBench)")):
        lines.append("| %s | %s | %s |" % (label, cells["17"].get(key, "—"), cells["newest"].get(key, "—")))
    return "\n".join(lines)


def train_spread(out, jmh, jdk_name):
    """TrainingStepBench: warm-up history until steady, then the measured iterations' spread."""
    lines = []
    for v in JDKS:
        log = os.path.join(out, "jmh-train-%s.log" % v)
        steady = []
        if os.path.exists(log):
            bench = None
            for line in open(log, encoding="utf-8", errors="replace"):
                if line.startswith("# Benchmark: "):
                    bench = line.split(".")[-1].strip()
                elif line.startswith("# Parameters: "):
                    bench = "%s %s" % (bench.split(" ")[0], line[len("# Parameters: "):].strip())
                elif "after" in line and "of warm-up" in line:
                    text = line[line.find("steady") - 4 if "NOT steady" in line else line.find("steady"):].strip()
                    head, _, chunks = text.partition(":")
                    c = chunks.split()
                    if len(c) > 10:   # the first and last five chunks tell the story
                        chunks = " %s … %s (%d chunks)" % (" ".join(c[:5]), " ".join(c[-5:]), len(c))
                    steady.append("%s: %s:%s" % (bench, head, chunks))
        for r in jmh[("train", v)]:
            raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
            med = statistics.median(raw)
            lines.append("- %s, %s %s: median %.1f µs/step, min–max %.1f–%.1f (spread %.1f%%), %d iterations" % (
                jdk_name[v], r["benchmark"].rsplit(".", 1)[1], ",".join("%s=%s" % kv for kv in r.get("params", {}).items()),
                med, min(raw), max(raw), 100 * (max(raw) - min(raw)) / med, len(raw)))
        lines += ["  - %s" % s_ for s_ in steady]
    return "\n".join(lines) if lines else "- no TrainingStepBench results"


def jvm_flags(out):
    """The command line of every JVM the run started (full -XX:+PrintFlagsFinal in jvm-*.txt)."""
    lines = []
    for name in sorted(os.listdir(out)):
        if name.startswith("jvm-") and name.endswith(".txt"):
            with open(os.path.join(out, name), encoding="utf-8") as f:
                for line in f:
                    if line.startswith("# "):
                        words = line[2:].strip().split(" ")
                        for i, w in enumerate(words[:-1]):   # a class path is long: say how many entries
                            if w in ("-cp", "-classpath") and words[i + 1].count(":") > 3:
                                words[i + 1] = "<%d class path entries>" % (words[i + 1].count(":") + 1)
                        lines.append("- `%s`: `%s`" % (name, " ".join(words)))
    seen = set()
    for name in sorted(os.listdir(out)):
        if name.startswith("jmh-") and name.endswith(".json"):
            for r in read_jmh(out, name[4:-5].rsplit("-", 1)[0], name[4:-5].rsplit("-", 1)[1]):
                key = (r.get("jvm"), " ".join(r.get("jvmArgs", [])))
                if key not in seen:
                    seen.add(key)
                    lines.append("- JMH fork: `%s %s`" % key)
    return "\n".join(lines) if lines else "- not recorded"


def spread_table(dirs):
    """Each target row's ours/peer ratio in every run given (oldest first): the run-to-run spread."""
    runs = []
    for d in dirs:
        meta = read_meta(d)
        rows = build_tables(d)[1]
        runs.append(("%s, %s" % (meta.get("date", os.path.basename(d)), meta.get("git", "?")),
                     {r[0]: r[3] for r in rows if r[5] and not r[7]}))
    metrics = [r[0] for r in build_tables(dirs[-1])[1] if r[5] and not r[7]]
    newest = read_meta(dirs[-1]).get("jdk_newest", "newest").split("+")[0].split(" ")[0]
    lines = ["| metric | " + " | ".join("run %d (%s), JDK %s" % (i + 1, date, v)
                                       for i, (date, _) in enumerate(runs) for v in ("17", newest))
             + " | min–max, JDK 17 | min–max, JDK %s |" % newest,
             "| --- |" + " ---: |" * (2 * len(runs) + 2)]
    for m in metrics:
        row = [m]
        per_jdk = {"17": [], "newest": []}
        for _, cells in runs:
            for v in JDKS:
                r = cells.get(m, {}).get(v, (None, None))[1] if m in cells else None
                row.append(fmt(r))
                if r is not None:
                    per_jdk[v].append(r)
        for v in JDKS:
            row.append(spread(min(per_jdk[v]), max(per_jdk[v])) if per_jdk[v] else "—")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def markdown(out, earlier=()):
    meta, table, twin_table, misses, epoch, full, full_epoch, extra = render(out)
    notes = []
    for v, name in (("17", "JDK 17"), ("newest", "newest JDK")):
        fe = full_epoch.get(v)
        if fe:
            notes.append("- %s, 30-epoch run: median warm epoch %s s (epochs 2–30 %s–%s s), final test accuracy %s."
                         % (name, fe["seconds"], fe["min_seconds"], fe["max_seconds"], fe["test_accuracy"]))
    doc = []
    doc.append("# Benchmark results\n")
    doc.append("Written by `%s` (raw outputs: `%s`). Re-run it to refresh; see README.md, section Performance.\n"
               % (meta.get("command", "benchmarks/compare.sh"), os.path.relpath(out, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
    doc.append("| | |\n| --- | --- |")
    for key, label in (("date", "date (UTC)"), ("git", "commit"), ("cpu", "CPU (lscpu)"), ("jdk17", "JDK 17"),
                       ("jdk_newest", "newest JDK"), ("python", "Python"), ("numpy", "NumPy"), ("torch", "PyTorch"),
                       ("openblas", "OpenBLAS (threadpoolctl)"), ("openblas_package", "OpenBLAS package"),
                       ("vm_flags", "JVM flags of the course runs (as ./chainrule)"),
                       ("jmh_opts", "JMH settings"), ("train_jmh_opts", "JMH settings, TrainingStepBench"), ("epochs", "course epochs timed (1st = warm-up)"),
                       ("load_start", "load average at start"), ("load_before_peers", "load before peers"),
                       ("load_before_java_peers", "load before Java peers"),
                       ("load_before_jmh_17", "load before JMH, JDK 17"), ("load_before_jmh_newest", "load before JMH, newest"),
                       ("load_end", "load average at end"), ("other_busy_processes", "busy processes at end"),
                       ("jmh_lock_ignored", "JMH lock ignored"), ("total_seconds", "compare.sh run time, s")):
        if key in meta:
            doc.append("| %s | %s |" % (label, meta[key].replace("|", "\\|")))
    doc.append("\n## Ours vs peers (one run)\n")
    doc.append(table)
    doc.append("\n## Cold start: what each part of the 30-epoch run cost (same run)\n")
    doc.append("Wall seconds, and CPU seconds by thread kind (Linux per-thread counters: Java threads, the C2 and "
               "C1 compilers, the garbage collector). On a shared machine the wall times include the neighbours' "
               "load; the CPU figures do not. `benchmarks/coldstart.sh` breaks the same down per JVM setting.\n")
    doc.append(extra["cold"])
    doc.append("\n## Distance to the limit (same run)\n")
    doc.append("LimitProbe times, one after another in one JVM and by the thread's CPU clock, one core's FMA peak "
               "(FmaPeakBench: 8, 16 and 24 independent chains of `acc = acc.fma(x, y)` on 512-bit FloatVectors, "
               "operands in registers; the best chain count is the peak), one course training step at batch 10 "
               "and the step's two large products alone. GFLOP/s count the matrix products only.\n")
    doc.append(extra["limit"])
    doc.append("\n## Training step under JMH: warm-up until steady, then the spread\n")
    doc.append(extra["train"])
    doc.append("\n## SIMD vs scalar reference kernels (JMH medians, same run)\n")
    doc.append(twin_table)
    if earlier:
        doc.append("\n## Spread across runs (ours/peer of each target row; this run last)\n")
        doc.append(spread_table(list(earlier) + [out]))
    doc.append("\n## Every JVM of this run\n")
    doc.append("Command lines; each JVM's full `-XX:+PrintFlagsFinal` is in the raw outputs (jvm-*.txt).\n")
    doc.append(extra["flags"])
    doc.append("\n## Misses\n")
    doc.append("\n".join("- " + m for m in misses) if misses else "- none: every target met in this run")
    doc.append("\n## Notes\n")
    doc.append("\n".join(notes + [
        "- Training is single-threaded on every side: the peers pin OpenBLAS/OpenMP/torch to 1 thread (verified with "
        "threadpoolctl), the Java epoch timer trains on one thread; the JVM's JIT and GC threads can "
        "still use the second core. In the 30-epoch run (as in ./mnist) each epoch's test evaluation runs on a "
        "second thread of its own, from a copy of the weights, while the next epoch trains (CourseEpochTimer --serial-eval: "
        "on the training thread, as before 2026-12-04).",
        "- Course epoch: ours is the median of epochs 2–N in one JVM (epoch 1, JIT warm-up, is shown as '1st'); "
        "the peers time one epoch in a fresh process (NumPy has no warm-up to speak of). The 30-epoch row "
        "is from a cold JVM and includes warm-up and the 30 test-set evaluations, not JVM start and data "
        "loading (shown as JVM wall).",
        "- Same recipe everywhere (784-100-10 sigmoid, quadratic cost, N(0,1) init, SGD η=3.0, batch 10, first "
        "50,000 images), but not the same random streams: accuracies after one epoch differ between runs and "
        "are not a quality number (see python/README.md).",
        "- sgemm: medians of JMH iterations vs medians of NumPy repeats (best in brackets / min–max in brackets). "
        "Both sides get the same operand layout (Aᵀ/Bᵀ: that operand stored transposed, a transposed view "
        "in NumPy). The book-layout rows store W as 784×100; the rows marked 'as our Dense runs it' and the "
        "input-gradient row are the products of a Dense training step (W stored 100×784).",
        "- OpenBLAS runs with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset (run_peers.sh), i.e. the kernel it "
        "detects for this CPU; the forced Haswell kernel is 2–3x slower at these shapes (python/README.md).",
        "- exp/sigmoid: the baseline is a plain Java loop on the same JDK, in the same JMH run "
        "(ElementwiseBench.mathExpLoop; MathLoopBench.mathSigmoidLoop for sigmoid).",
        "- Noise: 2 cores shared with other engineers' builds and benchmarks (load averages above); JMH ran "
        "with short settings (%s). Treat differences under ~10%% as noise; repeat the run to see the spread."
        % meta.get("jmh_opts", "?"),
    ]))
    return table, twin_table, misses, "\n".join(doc) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="directory with compare.sh's raw outputs")
    ap.add_argument("--write", help="write RESULTS.md here")
    ap.add_argument("--with", dest="earlier", action="append", default=[],
                    help="raw-output directory of an earlier compare.sh run (repeatable): adds a spread table")
    args = ap.parse_args()
    table, twin_table, misses, doc = markdown(args.out, args.earlier)
    print(table)
    print()
    print(twin_table)
    print()
    print("Misses:" if misses else "Misses: none")
    for m in misses:
        print("  - " + m)
    if args.earlier:
        print()
        print(spread_table(args.earlier + [args.out]))
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(doc)
        print("wrote " + args.write, file=sys.stderr)


if __name__ == "__main__":
    main()
