"""The kit's version, in one place: pyproject.toml reads it (dynamic version), and so do submissions."""
__version__ = "0.1.0"
