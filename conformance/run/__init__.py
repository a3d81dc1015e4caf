"""Stage 6, running: the engine (one case to its final record), generation and shrinking, the
worker's process loop, the runner that drives workers, and the exchange section."""
