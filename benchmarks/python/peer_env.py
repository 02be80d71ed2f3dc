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


def blas_in_use():
    """Which BLAS this process has loaded, as RESULT fields: blas=<kind> blas_detail=<...>.

    kind is openblas, mkl, blis, atlas, reference (netlib's libblas) or unknown, read from the
    shared libraries mapped into this process (/proc/self/maps, symlinks resolved), so it needs
    no extra package; call it after the BLAS has run once. For OpenBLAS the detail adds the kernel
    it picked (openblas_get_corename) and its build config. compare.sh marks a peer whose kind is
    not openblas as invalid: with the reference BLAS the peers are 10x+ slower and every ratio
    against them flatters us.
    """
    import ctypes
    libs = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path).lower()
                if ".so" in name and any(w in name for w in ("blas", "mkl", "blis", "atlas")):
                    libs.add(os.path.realpath(path))
    except OSError:
        return {"blas": "unknown", "blas_detail": "no-/proc/self/maps"}
    joined = " ".join(sorted(libs)).lower()
    if "openblas" in joined:
        kind = "openblas"
    elif "mkl" in joined:
        kind = "mkl"
    elif "blis" in joined:
        kind = "blis"
    elif "atlas" in joined:
        kind = "atlas"
    elif "/blas/libblas" in joined or "libblas.so" in joined:
        kind = "reference"
    else:
        kind = "unknown"
    detail = ",".join(os.path.join(os.path.basename(os.path.dirname(p)), os.path.basename(p)) for p in sorted(libs)) or "none-loaded"
    if kind == "openblas":
        for p in sorted(libs):
            try:
                lib = ctypes.CDLL(p)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                lib.openblas_get_config.restype = ctypes.c_char_p
                detail = "%s:%s:%s" % (os.path.join(os.path.basename(os.path.dirname(p)), os.path.basename(p)), lib.openblas_get_corename().decode(),
                                       lib.openblas_get_config().decode().replace(" ", "_"))
                break
            except (OSError, AttributeError):
                continue
    return {"blas": kind, "blas_detail": detail}
