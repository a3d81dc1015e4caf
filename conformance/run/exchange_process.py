"""``copyview run exchange``: the cross-library exchange section, in its own process.

``exchange`` is not one library's adapter but pairs of them (:mod:`conformance.run.exchange`), so
the CLI runs ``python -m conformance.run.exchange`` in a child process, as it runs each backend in
a worker: the parent imports no array library, and a library that aborts during an exchange
costs the section, not the run. The child writes its results document; the CLI reads it back.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

#: The name ``copyview run`` reserves for the exchange section.
NAME = "exchange"

#: The whole section's time limit: it has a few hundred small cases, each a second at most.
TIMEOUT_S = 600.0


class ExchangeError(Exception):
    """The exchange process died or hung; the message says how."""


def run_exchange(select: str | None = None, timeout_s: float = TIMEOUT_S) -> dict[str, Any]:
    """The exchange results document, made in a child process."""
    with tempfile.TemporaryDirectory(prefix="copyview-exchange-") as tmp:
        command = [sys.executable, "-m", "conformance.run.exchange", "--json", tmp]
        if select:
            command += ["--select", select]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise ExchangeError(f"the exchange run took longer than {timeout_s:g} s; "
                                "run `python -m conformance.run.exchange` to see where") from None
        path = Path(tmp) / "exchange.json"
        if not path.exists():
            tail = " | ".join(done.stderr.strip().splitlines()[-3:]) or "no message"
            raise ExchangeError(f"the exchange run died (exit status {done.returncode}): {tail}")
        return json.loads(path.read_text())
