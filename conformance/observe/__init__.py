"""Stage 3, observation: the witnesses, and the observer that classifies a result (one array
against its input, or a pair of arrays from two adapters)."""
