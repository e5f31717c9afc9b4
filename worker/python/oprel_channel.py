"""The controller channel on fd 3: a reader thread and ONE ordered outbox.

Every outgoing message goes through the outbox, so events keep the order in which they happened. Producers
only append to a list (cheap, atomic under the GIL, safe if KeyboardInterrupt lands mid-way); a single
flusher thread coalesces consecutive stream text, encodes JSON lines and writes them. Only that thread
writes fd 3, so a SIGINT in the main thread can never cut a line in half.

Imports are deliberately tiny (no json/re/threading/socket): start-up time counts.
"""

import _thread
import os
import select
import time
from itertools import groupby
from operator import itemgetter

_stream_key = itemgetter(0, 1)
_text_of = itemgetter(2)

try:  # the C accelerator behind json, without json's import of re
    import _json

    class _ScanContext:
        strict = False
        object_hook = None
        object_pairs_hook = None
        parse_float = float
        parse_int = int
        parse_constant = None
        memo = {}

    def _no_default(obj):
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")

    _scan = _json.make_scanner(_ScanContext)
    _encoder = _json.make_encoder(
        {}, _no_default, _json.encode_basestring, None, ":", ",", False, False, False
    )

    def loads(text):
        text = text.strip()
        try:
            obj, end = _scan(text, 0)
        except StopIteration:  # the C scanner's way of saying "no JSON value here"
            raise ValueError("not JSON") from None
        if text[end:].strip():
            raise ValueError("extra data after the JSON value")
        return obj

    def dumps(obj):
        return "".join(_encoder(obj, 0))

except (ImportError, AttributeError):  # pragma: no cover - interpreters without _json
    import json as _stdjson

    def loads(text):
        return _stdjson.loads(text)

    def dumps(obj):
        return _stdjson.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


FLUSH_INTERVAL = 0.01  # stream text reaches the controller at most this late
URGENT_ITEMS = 8192  # ...or sooner once this many writes are waiting
URGENT_CHARS = 1 << 20  # ...or this much text
THROTTLE_CHARS = 8 << 20  # a producer this far ahead of the controller waits for the flusher
MESSAGE_CHARS = 1 << 16  # the most text one event carries: bounded memory, and strings V8 frees young


class Channel:
    """Owns fd 3. `push`/`push_stream` may be called from any thread."""

    def __init__(self, fd=3):
        self.fd = fd
        self.current_id = None  # request id that stream text belongs to (the running or last cell)
        self._items = []  # (name, id, text) for stream text, (None, None, message) otherwise
        self._chars = 0  # about how much stream text waits in _items
        self._write_lock = _thread.allocate_lock()
        self._idle = False  # flusher asleep without a deadline: producers must wake it
        self._urgent = False
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._readers = {}  # extra fds the flusher thread watches: fd -> callback
        self._flusher_ident = None
        self._poller = select.poll()
        self._poller.register(self._wake_r, select.POLLIN)

    # ---- producing (any thread) ----

    def push(self, message, urgent=False):
        """Queue a message. urgent: write it now (done, reply, stdin_request)."""
        self._items.append((None, None, message))
        if urgent:
            self.wake(True)
        elif self._idle:
            self.wake(False)

    def push_stream(self, name, text):
        items = self._items
        items.append((name, self.current_id, text))
        self._chars += len(text)
        if self._idle:
            self.wake(False)
        elif len(items) > URGENT_ITEMS or self._chars > URGENT_CHARS:
            if not self._urgent:
                self.wake(True)
            if self._chars > THROTTLE_CHARS:
                self._throttle()

    def wake(self, urgent):
        if urgent:
            self._urgent = True
        self._idle = False
        try:
            os.write(self._wake_w, b"!")
        except BlockingIOError:  # the pipe is full of wake-ups already
            pass

    def _throttle(self):
        if _thread.get_ident() == self._flusher_ident:
            return  # the flusher itself (draining a pipe) must never wait for itself
        while self._chars > THROTTLE_CHARS // 2 and self._items:
            time.sleep(0.001)

    def add_reader(self, fd, callback):
        """Have the flusher thread call callback() whenever fd is readable (output capture pipes)."""
        self._readers[fd] = callback
        self._poller.register(fd, select.POLLIN)

    def log(self, text):
        self.push({"type": "log", "text": text}, urgent=True)

    # ---- writing (flusher thread, or the reader thread at exit) ----

    def flush(self):
        with self._write_lock:
            items = self._items
            n = len(items)
            if not n:
                return
            batch = items[:n]
            del items[:n]
            # Counted afresh (a few items at most), so a race with a producer's += cannot stick.
            self._chars = sum(len(item[2]) for item in items[:] if item[0] is not None)
            data = _encode(batch)
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view) :]

    def _flusher(self):
        poll = self._poller.poll
        readers = self._readers
        wake_r = self._wake_r
        deadline = None
        while True:
            if deadline is None:
                # Announce sleep before looking, so a producer that appends after the look wakes us.
                self._idle = True
                if self._items or self._urgent:
                    self._idle = False
                    deadline = time.monotonic() + FLUSH_INTERVAL
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic()) * 1000
            for fd, _ in poll(timeout):
                if fd == wake_r:
                    try:
                        os.read(wake_r, 4096)
                    except BlockingIOError:
                        pass
                else:
                    readers[fd]()
            if self._urgent or (deadline is not None and time.monotonic() >= deadline):
                self._urgent = False
                deadline = None
                self.flush()
            elif deadline is None and self._items:
                deadline = time.monotonic() + FLUSH_INTERVAL

    def _run_flusher(self):
        self._flusher_ident = _thread.get_ident()
        while True:
            try:
                self._flusher()
            except OSError:  # fd 3 is gone: the controller died
                os._exit(0)
            except BaseException as exc:  # keep flushing whatever happens
                _diagnose("flusher", exc)

    def _run_reader(self, handle):
        while True:
            try:
                self._reader(handle)
            except BaseException as exc:  # keep reading whatever happens: the controller needs us
                _diagnose("reader", exc)

    def _reader(self, handle):
        partial = []  # chunks of a line not complete yet (a large cell arrives in pieces)
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                data = b""
            if not data:
                # The controller is gone: leave at once, even while user code runs.
                os._exit(0)
            if b"\n" not in data:
                partial.append(data)
                continue
            partial.append(data)
            *lines, rest = b"".join(partial).split(b"\n")
            partial = [rest] if rest else []
            for line in lines:
                if not line.strip():
                    continue
                try:
                    message = loads(line.decode("utf-8", "replace"))
                    if not isinstance(message, dict):
                        raise ValueError("a message must be a JSON object")
                except (ValueError, RecursionError) as exc:
                    self.log(f"oprel worker: unreadable message ignored ({exc})")
                    continue
                try:
                    handle(message)
                except BaseException as exc:
                    _diagnose("reader", exc)

    def start(self, handle):
        """Start the flusher and the reader; handle(message) runs on the reader thread."""
        _thread.start_new_thread(self._run_flusher, ())
        _thread.start_new_thread(self._run_reader, (handle,))


def _encode(batch):
    """JSON lines for a batch; consecutive stream text of one stream and request becomes one event."""
    lines = []
    for (name, rid), group in groupby(batch, _stream_key):
        if name is None:
            lines += [_dumps_safe(item[2]) for item in group]
        else:
            text = "".join(map(_text_of, group))
            for start in range(0, len(text), MESSAGE_CHARS):
                piece = text[start : start + MESSAGE_CHARS]
                lines.append(dumps({"type": "stream", "id": rid, "name": name, "text": piece}))
    lines.append("")
    text = "\n".join(lines)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from user strings
        return text.encode("utf-8", "replace")


def _dumps_safe(message):
    try:
        return dumps(message)
    except (TypeError, ValueError, RecursionError) as exc:
        # Never let one bad value break the line protocol; say what happened instead.
        return dumps({"type": "log", "text": f"oprel worker: a {message.get('type')} message "
                      f"could not be encoded ({exc})"})


_diagnostic_fd = 2


def set_diagnostic_fd(fd):
    """Where internal errors go (the original stderr, seen by the controller's start-up diagnostics)."""
    global _diagnostic_fd
    _diagnostic_fd = fd


def _diagnose(where, exc):
    try:
        os.write(_diagnostic_fd, f"oprel worker: internal error in {where}: {exc!r}\n".encode())
    except OSError:
        pass
