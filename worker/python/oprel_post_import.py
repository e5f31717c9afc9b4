"""Run a callback right after a module finishes importing, without importing it ourselves.

IPython and matplotlib are patched this way only when the notebook imports them, so start-up stays light.
A finder at the front of sys.meta_path wraps the loader of the few names asked for; every other import
costs one dict lookup.
"""

import sys

_waiting = {}  # module name -> [callback(module)]


def when_imported(name, callback):
    """callback(module) once `name` has been executed (at once if it already is)."""
    module = sys.modules.get(name)
    if module is not None:
        _run(callback, module)
        return
    _waiting.setdefault(name, []).append(callback)
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


def _run(callback, module):
    try:
        callback(module)
    except Exception as error:  # a failed patch must never break the user's import
        print(f"oprel: could not adapt {module.__name__}: {error!r}", file=sys.stderr)


class _Finder:
    def find_spec(self, name, path=None, target=None):
        if name not in _waiting:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        original = loader.exec_module

        def exec_module(module):
            original(module)
            try:
                del loader.exec_module  # back to the class's method
            except AttributeError:
                pass
            for callback in _waiting.pop(name, ()):
                _run(callback, module)

        try:
            loader.exec_module = exec_module
        except AttributeError:
            return spec
        return spec

    def invalidate_caches(self):
        pass
