"""get_ipython(): the oprel worker's shell object (None outside a worker, as in plain Python)."""

__oprel_shim__ = True


def get_ipython():
    import oprel_magics_registry

    return oprel_magics_registry.get_ipython()
