"""oprel's stand-in for IPython.core (see IPython/__init__.py)."""

__oprel_shim__ = True
