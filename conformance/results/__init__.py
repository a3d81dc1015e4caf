"""Stage 5, results: the record of each case, the repro snippet, the results document and its
only writer, and the JSON Schema (``schema/``)."""
