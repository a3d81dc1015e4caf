"""reference_impl must run without NumPy: import and exercise it with NumPy made unimportable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    sys.modules["numpy"] = None  # any `import numpy` now raises ImportError
    import reference_impl as ref
    from reference_impl.lib.stride_tricks import as_strided, sliding_window_view

    a = ref.arange(24.0).reshape(2, 3, 4)
    v = a[:, ::2, [0, 3]].T.reshape(-1)
    v += 1
    assert ref.shares_memory(a[0], a[0, 1]) and not ref.shares_memory(a[0], a[1])
    w = sliding_window_view(a.ravel(), 3)
    assert w.base is not None and not w.flags.writeable
    c = ref.where(a > 3, a.astype(ref.complex64).imag, 2) * 2
    assert c.shape == (2, 3, 4) and as_strided(a).shape == a.shape
    ref.sort(a[::-1], axis=0); a.sort()
    print("numpy" in sys.modules and sys.modules["numpy"] is None)
""")


def test_reference_impl_runs_with_numpy_unimportable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
