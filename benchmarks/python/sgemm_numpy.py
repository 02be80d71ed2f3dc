"""Single-thread NumPy (OpenBLAS) float32 matmul throughput at the course's shapes and squares.

For each (m, k, n, layout), C[m, n] = op(A)[m, k] @ op(B)[k, n] and GFLOP/s = 2 m k n / seconds
(best of the repeats, each repeat timing enough calls to last >= --min-time). layout says which
operand is stored transposed, as GemmBench's ":tA"/":tB" do, so both sides get the same layout:

    A    both operands plain, contiguous row-major
    At   A is a transposed view of a contiguous [k, m] array (BLAS gets a transpose flag)
    Bt   B is a transposed view of a contiguous [n, k] array (BLAS gets a transpose flag)

Shapes (batch 10, a 784-100 layer):

  book layout, W stored [in, out] = 784x100:
    (10, 784, 100) A    forward X W (row-major, samples as rows)
    (784, 10, 100) At   weight gradient X^T dZ, X stored [10, 784]
  as our Dense layer (and torch.nn.Linear) runs it, W stored [out, in] = 100x784:
    (10, 784, 100) Bt   forward X W^T
    (10, 100, 784) A    input gradient dZ W (10x100 @ 100x784, both plain)
    (100, 10, 784) At   weight gradient dZ^T X, dZ stored [10, 100]
  (10000, 784, 100) A   the whole test set through layer 1
  (256, 256, 256), (512, 512, 512), (1024, 1024, 1024) A   squares

Threads are pinned with OPENBLAS_NUM_THREADS etc. before NumPy loads and verified with
threadpoolctl; OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (which can force a slower kernel) and the
kernel OpenBLAS actually picked are reported. Every product is checked against a float64 product.
"""
import argparse
import sys
import time

import peer_env

SHAPES = [  # (m, k, n, layout): layout "A" plain, "At" A transposed, "Bt" B transposed
    (10, 784, 100, "A"), (784, 10, 100, "At"),
    (10, 784, 100, "Bt"), (10, 100, 784, "A"), (100, 10, 784, "At"),
    (10000, 784, 100, "A"),
    (256, 256, 256, "A"), (512, 512, 512, "A"), (1024, 1024, 1024, "A"),
]
LAYOUTS = ("A", "At", "Bt")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.2, help="seconds per repeat (default 0.2)")
    args = ap.parse_args()
    peer_env.pin_threads(args.threads)
    import numpy as np

    report = peer_env.blas_report(args.threads)
    print("numpy=%s %s" % (np.__version__, report), file=sys.stderr)
    arch = "unknown"
    try:
        from threadpoolctl import threadpool_info
        arch = next((p.get("architecture") for p in threadpool_info() if p.get("user_api") == "blas"),
                    "none")
    except ImportError:
        pass
    import os
    coretype = os.environ.get("OPENBLAS_CORETYPE", "unset")
    l2 = os.environ.get("OPENBLAS_L2_SIZE", "unset")

    rng = np.random.default_rng(args.seed)
    for (m, k, n, layout) in SHAPES:
        if layout not in LAYOUTS:
            raise ValueError("(%d,%d,%d): unknown layout %r" % (m, k, n, layout))
        if layout == "At":
            a = rng.standard_normal((k, m), dtype=np.float32).T      # view, not contiguous
        else:
            a = rng.standard_normal((m, k), dtype=np.float32)
        if layout == "Bt":
            b = rng.standard_normal((n, k), dtype=np.float32).T      # view, not contiguous
        else:
            b = rng.standard_normal((k, n), dtype=np.float32)
        assert a.flags.c_contiguous == (layout != "At") and b.flags.c_contiguous == (layout != "Bt")
        c = np.empty((m, n), dtype=np.float32)
        np.matmul(a, b, out=c)
        ref = a.astype(np.float64) @ b.astype(np.float64)
        err = float(np.max(np.abs(c - ref)) / (np.max(np.abs(ref)) + 1e-30))
        if not err < 1e-4:
            raise RuntimeError("(%d,%d,%d,%s): float32 product off by %.3g relative to float64"
                               % (m, k, n, layout, err))
        calls = 1
        while True:                                  # calibrate: calls per repeat >= min_time
            t0 = time.perf_counter()
            for _ in range(calls):
                np.matmul(a, b, out=c)
            dt = time.perf_counter() - t0
            if dt >= args.min_time:
                break
            calls = max(calls * 2, int(calls * args.min_time / max(dt, 1e-9) * 1.1))
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            for _ in range(calls):
                np.matmul(a, b, out=c)
            times.append((time.perf_counter() - t0) / calls)
        flops = 2.0 * m * k * n
        best, median = min(times), sorted(times)[len(times) // 2]
        print(peer_env.result_line(name="sgemm_numpy", m=m, k=k, n=n, layout=layout,
                                   gflops="%.2f" % (flops / best / 1e9),
                                   median_gflops="%.2f" % (flops / median / 1e9),
                                   us_per_call="%.2f" % (best * 1e6), threads=args.threads,
                                   arch=arch, coretype=coretype, l2=l2,
                                   **peer_env.blas_in_use()), flush=True)


if __name__ == "__main__":
    main()
