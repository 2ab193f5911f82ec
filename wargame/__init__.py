"""wargame: a teaching wargame about the 2025 JNIM blockade of Bamako."""

# The one place the version is written (pyproject.toml reads it). Read at run time without
# importlib.metadata, which costs a tenth of a second at start-up.
__version__ = "0.1.0"
