"""Builds the ratio table of benchmarks/compare.sh from the raw outputs in one directory.

Reads (all written by compare.sh into OUT):
  meta.txt                      key=value lines: date, CPU, JDKs, Python package versions, load
  epoch-{17,newest}.txt         RESULT name=chainrule_course_epoch (CourseEpochTimer)
  full-{17,newest}.txt          RESULT name=chainrule_course_full (CourseEpochTimer --full)
  peers.txt                     RESULT lines of python/run_peers.sh
  jmh-{gemm,elem,reduce,train}-{17,newest}.json   JMH -rf json

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
    jmh = {(n, v): read_jmh(out, n, v) for n in ("gemm", "elem", "reduce", "train") for v in JDKS}

    rows = []  # (metric, peer, peer value, {jdk: (ours text, ratio)}, target text, op, target)

    def add(metric, peer, peer_value, ours, ratio_of, target_text=None, op=None, target=None):
        cells = {}
        for v in JDKS:
            value, text = ours.get(v, (None, "—"))
            cells[v] = (text, ratio_of(value) if value is not None else None)
        rows.append((metric, peer, peer_value, cells, target_text, op, target))

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
        add("Course epoch, s, vs %s" % label, label, "%s s (acc %s)" % (fmt(ps), p["test_accuracy"]) if p else "—",
            ep, (lambda s, ps=ps: s / ps if ps else None),
            ("≤ %.3f (%.1fx faster)" % (target, 1 / target)) if target else None, "<=" if target else None, target)
    fl = {v: (f(full[v], "seconds"), "%s s (train %s + eval %s; JVM wall %s)" % (
        fmt(f(full[v], "seconds"), 2), fmt(f(full[v], "train_seconds"), 2), fmt(f(full[v], "eval_seconds"), 2),
        fmt(f(full[v], "jvm_wall_seconds"), 2))) for v in JDKS if full[v]}
    add("30-epoch course run + per-epoch test eval, s", "target", "12 s", fl, lambda s: s / 12.0,
        "≤ 1.0 (< 12 s)", "<=", 1.0)

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
        add("sgemm GFLOP/s, 1 thread, %s" % label, "OpenBLAS (%s)" % (p.get("arch", "?") if p else "?"),
            "%s (best %s)" % (fmt(pg, 1), fmt(f(p, "gflops"), 1)) if p else "—",
            ours, (lambda g, pg=pg: g / pg if pg else None), "≥ %.2f" % target, ">=", target)

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
                ours, lambda r: r, "≤ 0.033 (≥ 30x)", "<=", 1 / 30)

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
    for metric, peer, peer_value, cells, target_text, op, target in rows:
        c17, cn = cells["17"], cells["newest"]
        m17 = met(c17[1], op, target) if op else ""
        mn = met(cn[1], op, target) if op else ""
        for v, m in (("17", m17), ("newest", mn)):
            if m == "**no**":
                misses.append("%s on %s: ours/peer %s, target %s" % (metric, jdk_name[v], fmt(cells[v][1]), target_text))
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            metric, peer, peer_value, c17[0], fmt(c17[1]), cn[0], fmt(cn[1]), target_text or "—",
            ("%s / %s" % (m17, mn)) if op else "—"))
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
    return meta, table, twin_table, misses, epoch, full, full_epoch


def spread_table(dirs):
    """Each target row's ours/peer ratio in every run given (oldest first): the run-to-run spread."""
    runs = []
    for d in dirs:
        meta = read_meta(d)
        rows = build_tables(d)[1]
        runs.append(("%s, %s" % (meta.get("date", os.path.basename(d)), meta.get("git", "?")),
                     {r[0]: r[3] for r in rows if r[5]}))
    metrics = [r[0] for r in build_tables(dirs[-1])[1] if r[5]]
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
    meta, table, twin_table, misses, epoch, full, full_epoch = render(out)
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
                       ("jmh_opts", "JMH settings"), ("epochs", "course epochs timed (1st = warm-up)"),
                       ("load_start", "load average at start"), ("load_before_peers", "load before peers"),
                       ("load_before_jmh_17", "load before JMH, JDK 17"), ("load_before_jmh_newest", "load before JMH, newest"),
                       ("load_end", "load average at end"), ("other_busy_processes", "busy processes at end"),
                       ("jmh_lock_ignored", "JMH lock ignored"), ("total_seconds", "compare.sh run time, s")):
        if key in meta:
            doc.append("| %s | %s |" % (label, meta[key].replace("|", "\\|")))
    doc.append("\n## Ours vs peers (one run)\n")
    doc.append(table)
    doc.append("\n## SIMD vs scalar reference kernels (JMH medians, same run)\n")
    doc.append(twin_table)
    if earlier:
        doc.append("\n## Spread across runs (ours/peer of each target row; this run last)\n")
        doc.append(spread_table(list(earlier) + [out]))
    doc.append("\n## Misses\n")
    doc.append("\n".join("- " + m for m in misses) if misses else "- none: every target met in this run")
    doc.append("\n## Notes\n")
    doc.append("\n".join(notes + [
        "- Everything is single-threaded: the peers pin OpenBLAS/OpenMP/torch to 1 thread (verified with "
        "threadpoolctl), the Java epoch timer trains and evaluates on one thread; the JVM's JIT and GC threads can "
        "still use the second core.",
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
