"""``python -m conformance`` is the ``copyview`` command."""

import sys

from conformance.cli import main

sys.exit(main())
