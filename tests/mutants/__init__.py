"""Test-only backends: NumPy with one injected fault each, and backends that crash or hang."""
