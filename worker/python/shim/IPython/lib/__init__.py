"""oprel's stand-in for IPython.lib (see IPython/__init__.py)."""

__oprel_shim__ = True
