"""The bits of IPython.core.pylabtools that matplotlib consults: no GUI event loop for any backend."""

__oprel_shim__ = True

backend2gui = {}
backends = {"inline": "module://oprel_mpl_backend"}
