"""Stage 4, judgement: the profiles, the recorded verdicts, and known deviations (the data
files in ``known/``, one per backend)."""
