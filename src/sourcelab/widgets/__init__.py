"""Thin ipywidgets views over the pure modules. The only part of the kit that imports ipywidgets."""
