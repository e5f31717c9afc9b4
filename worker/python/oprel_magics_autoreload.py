"""A small %autoreload: before a cell runs, modules whose .py file changed are reloaded.

Modes as in IPython: 0 off, 1 only modules named with %aimport, 2 (and 3) every module except those
excluded with `%aimport -name`. Functions and classes the notebook already holds (`from mod import f`)
get the new code, as IPython's superreload arranges: old function objects take the new code, old classes
take the new methods.
"""

import os
import sys

from oprel_magics_registry import UsageError, shell

_mode = 0
_only = set()  # mode 1
_skip = set()
_mtimes = {}  # module name -> mtime of its source when last seen
_hooked = False


def set_mode(text):
    global _mode
    if text in ("", "now"):
        check()
        return
    if text not in ("0", "1", "2", "3", "off", "explicit", "all", "complete"):
        raise UsageError("%autoreload takes 0, 1, 2 or 3 (or off, explicit, all, complete).")
    _mode = {"off": 0, "explicit": 1, "all": 2, "complete": 3}.get(text, None)
    if _mode is None:
        _mode = int(text)
    _snapshot()
    _hook()


def aimport(line, frame):
    names = [name.strip() for name in line.replace(",", " ").split()]
    if not names:
        listed = (" ".join(sorted(_only)), " ".join(sorted(_skip)))
        print("Modules to reload:\n%s\n\nModules to skip:\n%s" % listed)
        return
    import importlib

    for name in names:
        if name.startswith("-"):
            _skip.add(name[1:])
            continue
        _only.add(name)
        _skip.discard(name)
        module = importlib.import_module(name)
        frame.f_globals[name.split(".")[0]] = sys.modules[name.split(".")[0]]
        _mtimes[name] = _mtime(module)


def _hook():
    """Check before each cell; after each cell, note the modules it imported, so an edit made before
    the next cell counts as a change (IPython's post_execute_hook does the same)."""
    global _hooked
    if _hooked:
        return
    core = shell()
    core.pre_execute_hooks.append(check)
    core.post_execute_hooks.append(_snapshot)
    _hooked = True


def _source(module):
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return None
    return path


def _mtime(module):
    path = _source(module)
    try:
        return os.stat(path).st_mtime if path else None
    except OSError:
        return None


def _candidates():
    if _mode == 0:
        return []
    if _mode == 1:
        return [name for name in _only if name in sys.modules]
    return [name for name in list(sys.modules) if name not in _skip and name != "__main__"]


def _snapshot():
    for name in _candidates():
        if name not in _mtimes:
            module = sys.modules.get(name)
            if module is not None:
                _mtimes[name] = _mtime(module)


def check():
    """Reload every watched module whose source changed since it was last seen."""
    import importlib

    for name in _candidates():
        module = sys.modules.get(name)
        if module is None:
            continue
        mtime = _mtime(module)
        seen = _mtimes.setdefault(name, mtime)
        if mtime is None or mtime == seen:
            continue
        _mtimes[name] = mtime
        _forget_bytecode(module)
        old = dict(module.__dict__)
        try:
            importlib.reload(module)
        except Exception as error:
            print("[autoreload of %s failed: %s]" % (name, error), file=sys.stderr)
            continue
        _update_old_objects(old, module.__dict__)


def _forget_bytecode(module):
    """The .pyc records its source's mtime in whole seconds and its size: an edit of the same size
    within the second of the last compile would reload the stale bytecode. Removing it is harmless."""
    cached = getattr(module, "__cached__", None)
    if cached:
        try:
            os.remove(cached)
        except OSError:
            pass


def _update_old_objects(old, new):
    for key, old_value in old.items():
        new_value = new.get(key)
        if new_value is None or new_value is old_value:
            continue
        if type(old_value).__name__ == "function" and type(new_value).__name__ == "function":
            _update_function(old_value, new_value)
        elif isinstance(old_value, type) and isinstance(new_value, type):
            for attr, value in list(vars(new_value).items()):
                if attr in ("__dict__", "__weakref__"):
                    continue
                old_attr = vars(old_value).get(attr)
                if type(old_attr).__name__ == "function" and type(value).__name__ == "function":
                    _update_function(old_attr, value)
                else:
                    try:
                        setattr(old_value, attr, value)
                    except (AttributeError, TypeError):
                        pass


def _update_function(old, new):
    for attr in ("__code__", "__defaults__", "__kwdefaults__", "__doc__", "__annotations__"):
        try:
            setattr(old, attr, getattr(new, attr))
        except (AttributeError, TypeError, ValueError):
            pass
    old.__dict__.update(new.__dict__)
