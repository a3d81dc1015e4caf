"""Stage 1, the model: operations (with tags), the catalogue, suite inputs and cases.

Nothing here runs a library or says what a result should be; it only describes what to do.
"""
