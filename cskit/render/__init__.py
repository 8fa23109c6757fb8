"""Rendering answers and templates: the sandboxed environment, filters, typed values, template analysis, the renderer, render inputs and batch rendering."""
