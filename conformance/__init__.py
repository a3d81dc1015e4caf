"""copyview's conformance suite: adapters, catalogue, witnesses, profiles, runner, results."""

__version__ = "0.1.0"
