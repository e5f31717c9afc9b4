"""Values moved between notebooks through the controller's shared registry (docs/registry.md).

share() pickles a value (protocol 5: large buffers such as numpy arrays' data stay out of band, never
copied into the pickle) straight into one file in the controller's private staging folder, on tmpfs where
there is one, and hands the file over; the controller keeps it and never unpickles it. fetch() reads such a
file into fresh buffers and unpickles it: the value is a copy, and a big array is copied once on each side.
The calls block the cell until the controller answers; the reader thread delivers the answer.
"""

import _thread
import os
from itertools import count

_pending = {}  # request id -> [lock held until the answer comes, the answer]
_request_ids = count(1)
_file_ids = count(1)


class RegistryError(Exception):
    """A share or fetch that could not be done: no such entry, too large, not picklable, timed out."""


def deliver(rid, content):
    """The controller's answer to request rid (reader thread). False when nobody waits for it."""
    slot = _pending.get(rid)
    if slot is None:
        return False
    slot[1] = content
    slot[0].release()
    return True


def share_values(items):
    """Shares each (name, value) in order; the first failure stops there."""
    for name, value in items:
        _share(name, value)


def fetch_value(name, wait=None):
    """A copy of the value shared under name; wait: seconds to wait for it to be shared."""
    if not isinstance(name, str) or not name.isidentifier():
        raise RegistryError(f"{name!r} is not a variable name.")
    request = {"op": "fetch", "name": name}
    if wait:
        if not isinstance(wait, (int, float)) or wait < 0:
            raise RegistryError(f"wait must be a number of seconds, not {wait!r}.")
        request["wait_ms"] = int(wait * 1000)
    for _ in range(3):  # the entry may be replaced between the answer and the read; ask again
        answer = _ask(request)
        try:
            buffers = _read(answer["path"], answer["sizes"])
        except FileNotFoundError:
            continue
        if buffers is None:
            continue
        import pickle

        try:
            return pickle.loads(buffers[0], buffers=buffers[1:])
        except Exception as exc:
            raise RegistryError(f"'{name}' (a {answer.get('type_name')} shared by "
                                f"{os.path.basename(answer.get('source', '?'))}) cannot be unpickled "
                                f"here: {type(exc).__name__}: {exc}") from None
    raise RegistryError(f"'{name}' kept changing while it was read; fetch it again.")


def entries():
    """The registry's entries: dicts with name, source, type_name, size (bytes) and time (epoch seconds)."""
    return _ask({"op": "list"})["entries"]


def lookup(name, frame):
    """The value of a name as the code in frame sees it."""
    for namespace in (frame.f_locals, frame.f_globals, frame.f_builtins):
        if name in namespace:
            return namespace[name]
    raise NameError(f"name '{name}' is not defined")


def type_name(value):
    return type(value).__name__


def _share(name, value):
    if not isinstance(name, str) or not name.isidentifier():
        raise RegistryError(f"{name!r} is not a variable name.")
    staging, limit = _config()
    import pickle

    buffers = []
    try:
        main = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    except Exception as exc:
        raise RegistryError(f"'{name}' cannot be shared: a value of type {type_name(value)} cannot be "
                            f"pickled ({type(exc).__name__}: {exc}).") from None
    views = [memoryview(main)] + [_raw(buffer) for buffer in buffers]
    sizes = [view.nbytes for view in views]
    if sum(sizes) > limit:
        raise RegistryError(_too_large(name, sum(sizes), limit))
    file = f"w{os.getpid()}-{next(_file_ids)}.part"
    path = os.path.join(staging, file)
    try:
        _write(path, views)
        _ask({"op": "share", "name": name, "type_name": type_name(value), "file": file, "sizes": sizes})
    finally:
        # Kept by the controller (moved away) on success; a failure or an interrupt leaves nothing behind.
        try:
            os.unlink(path)
        except OSError:
            pass


def _raw(buffer):
    try:
        return buffer.raw()
    except BufferError:  # not contiguous: one copy, as an in-band pickle would make
        return memoryview(memoryview(buffer).tobytes())


def _write(path, views):
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise RegistryError(f"the registry's folder cannot be written ({exc.strerror}).") from None
    try:
        for view in views:
            view = view.cast("B")
            while view:
                view = view[os.write(fd, view):]
    except OSError as exc:
        raise RegistryError(f"the value could not be written to the registry ({exc.strerror}).") from None
    finally:
        os.close(fd)


def _read(path, sizes):
    """Fresh, writable buffers holding the file's pieces; None when the file is not the size expected."""
    with open(path, "rb", buffering=0) as handle:
        if os.fstat(handle.fileno()).st_size != sum(sizes):
            return None
        pieces = []
        for size in sizes:
            piece = bytearray(size)
            view = memoryview(piece)
            while view:
                n = handle.readinto(view)
                if not n:
                    return None
                view = view[n:]
            pieces.append(piece)
    return pieces


def _ask(request):
    """Sends a registry request and blocks until its answer; Ctrl-C interrupts the wait."""
    shell = _shell()
    rid = f"g{next(_request_ids)}"
    lock = _thread.allocate_lock()
    lock.acquire()
    slot = [lock, None]
    _pending[rid] = slot
    try:
        shell.channel.push({"type": "registry", "id": rid, **request}, urgent=True)
        while not lock.acquire(timeout=0.25):
            pass
    finally:
        _pending.pop(rid, None)
    answer = slot[1]
    if not isinstance(answer, dict):
        raise RegistryError("the controller gave no answer.")
    if "error" in answer:
        raise RegistryError(answer["error"])
    return answer


def _shell():
    import oprel_magics_registry

    try:
        return oprel_magics_registry.shell()
    except RuntimeError:
        raise RegistryError("the worker is still starting; try again.") from None


def _config():
    config = getattr(_shell(), "registry_config", None)
    if config is None:
        raise RegistryError("there is no shared registry: this worker was not started by oprel.")
    return config


def _too_large(name, size, limit):
    # The controller says the same (src/registry/registry.ts) for values that get past this check.
    return (f"'{name}' is {format_size(size)} pickled, more than the registry's limit of "
            f"{format_size(limit)}. Raise it with --registry-limit.")


def format_size(size):
    value, unit = float(size), 0
    units = ("B", "KiB", "MiB", "GiB", "TiB")
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    if unit == 0 or value >= 100 or value == int(value):
        return f"{value:.0f} {units[unit]}"
    return f"{value:.1f} {units[unit]}"

