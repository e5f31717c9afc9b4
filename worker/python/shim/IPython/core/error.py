"""IPython's exception names, shared with the oprel worker so `except UsageError` catches its errors."""

from oprel_magics_registry import UsageError

__oprel_shim__ = True


class IPythonCoreError(Exception):
    pass


class TryNext(IPythonCoreError):
    pass


class StdinNotImplementedError(IPythonCoreError, NotImplementedError):
    pass


__all__ = ["UsageError", "IPythonCoreError", "TryNext", "StdinNotImplementedError"]
