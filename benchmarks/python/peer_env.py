"""Thread pinning and environment report shared by the peer benchmark scripts.

Import this module and call ``pin_threads`` BEFORE importing numpy or torch:
OpenBLAS reads OPENBLAS_NUM_THREADS once, when the library is loaded.
This module itself imports neither.
"""
import os

_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
# Set on some machines to work around old OpenBLAS CPU-detection bugs; they can select a slower
# kernel than the CPU supports, so every script reports them.
OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def pin_threads(n):
    """Sets every BLAS/OpenMP thread-count variable to n (must run before numpy/torch load)."""
    if n < 1:
        raise ValueError("--threads must be >= 1, got %d" % n)
    for var in _THREAD_VARS:
        os.environ[var] = str(n)


def blas_report(expected_threads=None):
    """Returns a one-line description of the loaded BLAS (via threadpoolctl if installed).

    Raises RuntimeError when threadpoolctl sees a BLAS pool whose thread count differs from
    expected_threads, so a timing is never silently taken with the wrong number of threads.
    """
    parts = ["%s=%s" % (v, os.environ.get(v, "<unset>")) for v in OPENBLAS_OVERRIDES]
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return " ".join(parts + ["threadpoolctl=<not installed; thread count unverified>"])
    for pool in threadpool_info():
        if pool.get("user_api") != "blas":
            continue
        parts.append("blas=%s-%s arch=%s threading=%s threads=%s" % (
            pool.get("internal_api"), pool.get("version"), pool.get("architecture"),
            pool.get("threading_layer"), pool.get("num_threads")))
        if expected_threads is not None and pool.get("num_threads") != expected_threads:
            raise RuntimeError("BLAS %s runs %s threads, expected %d"
                               % (pool.get("filepath"), pool.get("num_threads"), expected_threads))
    return " ".join(parts)


def result_line(**fields):
    """Formats the one machine-readable line a harness greps for: 'RESULT k=v k=v ...'."""
    return "RESULT " + " ".join("%s=%s" % (k, v) for k, v in fields.items())
