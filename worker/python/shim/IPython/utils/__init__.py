"""oprel's stand-in for IPython.utils (see IPython/__init__.py)."""

__oprel_shim__ = True
