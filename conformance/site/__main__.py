"""``python -m conformance.site``: the same as ``copyview site``."""

import sys

from conformance.site.cli import main

sys.exit(main())
