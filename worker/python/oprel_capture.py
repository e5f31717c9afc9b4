"""Output capture at the file-descriptor level.

fd 1 and fd 2 become pipes, so output from C code, os.system and child processes is caught too.
sys.stdout/sys.stderr are text objects that hand text straight to the current sink (the outbox, or a
`%%capture`). The outbox's flusher thread drains the pipes within milliseconds, so a chatty child
process never blocks on a full pipe.

Order: output written to fd 1/2 before a Python-level write must come before it. Looking into the
pipes at every print costs a system call per line, most of a print's time, so a print looks only
when something may have written to the fds since the pipes were last found empty: os.system,
subprocess, fork/spawn/exec and ctypes calls (seen through an audit hook), and os.write to fd 1 or 2.
Once ctypes looks up a C function (its calls raise no audit event), every print looks. Output that C extension code writes to fd 1 by itself arrives through the flusher, within about
10 ms, so it can come after Python output written in those few milliseconds.
"""

import _thread
import builtins
import codecs
import io
import os
import select
import sys

READ_SIZE = 1 << 16

# Audit events of calls that can write to fd 1/2 while the Python code waits for them.
_FD_WRITER_EVENTS = frozenset(
    (
        "os.system",
        "subprocess.Popen",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "os.exec",
        "ctypes.call_function",
    )
)


class ChannelSink:
    """The default destination of output: the ordered outbox."""

    def __init__(self, channel):
        self.stream = channel.push_stream  # (name, text)
        self.message = channel.push  # (message dict)


class Capture:
    def __init__(self, channel):
        self.sink = ChannelSink(channel)
        self.original_stderr = os.dup(2)  # for the worker's own diagnostics; not inherited
        self._lock = _thread.allocate_lock()
        self._pipes = {}  # read end -> (stream name, incremental decoder)
        # epoll where there is one: cheaper per call than poll, and safe to use from several threads.
        if hasattr(select, "epoll"):
            self._poller, readable = select.epoll(), select.EPOLLIN
        else:
            self._poller, readable = select.poll(), select.POLLIN
        self.pending = self._poller.poll  # pending(0) is truthy when fd output waits in the pipes
        # True while fd output may be waiting: a print then looks into the pipes first.
        self.fd_written = True
        # Set for good once ctypes looks up a C function (see _audit).
        self.c_functions = False
        for fd, name in ((1, "stdout"), (2, "stderr")):
            read_end, write_end = os.pipe()
            os.dup2(write_end, fd)  # fd 1/2 stay inheritable: children write into the pipes
            os.close(write_end)
            os.set_blocking(read_end, False)
            decode = codecs.getincrementaldecoder("utf-8")("replace").decode
            self._pipes[read_end] = (name, decode)
            self._poller.register(read_end, readable)
            channel.add_reader(read_end, self._drainer(read_end))
        self.stdout = OutStream("stdout", 1, self)
        self.stderr = OutStream("stderr", 2, self)
        self.set_sink(self.sink)
        builtins.print = _single_write_print(builtins.print, self.stdout, self.stderr)
        sys.stdout = self.stdout
        sys.stderr = self.stderr
        sys.addaudithook(self._audit)
        os.write = self._os_write(os.write)

    def _audit(self, event, args):
        if event in _FD_WRITER_EVENTS:
            self.fd_written = True
        elif event == "ctypes.dlsym":
            # Calls of a C function found through ctypes raise no audit event of their own, so once
            # code looks one up, every print looks into the pipes first (C output stays in order).
            self.c_functions = True
            self.fd_written = True

    def _os_write(self, write):
        """os.write that marks fd output, so the next print looks into the pipes first."""

        def os_write(fd, data, /):
            if fd == 1 or fd == 2:
                self.fd_written = True
            return write(fd, data)

        os_write.__name__ = os_write.__qualname__ = "write"
        os_write.__module__ = "os"
        os_write.__doc__ = write.__doc__
        return os_write

    def _drainer(self, read_end):
        def drain():
            with self._lock:
                self._drain(read_end)

        return drain

    def _drain(self, read_end):
        name, decode = self._pipes[read_end]
        while True:
            try:
                data = os.read(read_end, READ_SIZE)
            except BlockingIOError:
                return
            if not data:
                return
            text = decode(data)
            if text:
                self.sink.stream(name, text)
            if len(data) < READ_SIZE:
                return

    def drain(self):
        """Move the bytes waiting in the fd 1/2 pipes into the sink, if there are any. Returns
        whether there were (the writer may not be done: look again next time)."""
        try:
            ready = self.pending(0)
        except RuntimeError:  # poll() (not epoll) busy in another thread: just try every pipe
            ready = True
        # Always take the lock: the flusher thread may have read bytes it has not yet handed on,
        # and they must reach the sink before whatever the caller sends next (such as `done`).
        with self._lock:
            if ready:
                for fd in self._pipes:
                    self._drain(fd)
        return bool(ready)

    def set_sink(self, sink):
        """Send output elsewhere (a capture) or back; returns the sink that was in place."""
        previous = self.sink
        self.sink = sink
        self.stdout._emit = self.stderr._emit = sink.stream
        return previous

    def flush_fds(self):
        """Everything written so far, including C stdio buffers, into the sink (cell end)."""
        for stream in (sys.__stdout__, sys.__stderr__):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        if "ctypes" in sys.modules:
            _c_fflush()
        self.drain()


class OutStream(io.TextIOBase):
    """sys.stdout / sys.stderr: text goes straight to the current sink, after pending fd output."""

    def __init__(self, name, fd, capture):
        super().__init__()
        self._name = name
        self._fd = fd
        self._capture = capture
        self._emit = capture.sink.stream
        self.buffer = _BinaryOut(fd, f"<{name}>")

    def write(self, s):
        # The hot path of print(): a flag test (fd output first, when there may be some) and one
        # list append; no system call.
        if type(s) is not str and not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if s:
            capture = self._capture
            if capture.fd_written:
                # Only a print clears the flag: a drain elsewhere (another thread) may look while a
                # writer in this thread is only half done.
                capture.fd_written = capture.drain()
            self._emit(self._name, s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass  # text is handed on at once; the outbox flushes within milliseconds

    def close(self):
        pass  # closing the notebook's stdout would only break later cells

    def fileno(self):
        return self._fd

    def isatty(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return True

    def seekable(self):
        return False

    def reconfigure(self, **kwargs):
        pass

    @property
    def closed(self):
        return False

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    @property
    def name(self):
        return f"<{self._name}>"

    @property
    def mode(self):
        return "w"

    @property
    def line_buffering(self):
        return False


def _single_write_print(original, stdout, stderr):
    """print() that hands a whole line to our streams in one write: half the order checks, and no
    user code can run between the parts of one print anyway. Anything unusual goes to the original."""

    def print(*args, sep=" ", end="\n", file=None, flush=False):
        if file is None:
            file = sys.stdout
        if (file is stdout or file is stderr) and type(sep) is str and type(end) is str:
            file.write(sep.join(map(str, args)) + end)
        else:
            original(*args, sep=sep, end=end, file=file, flush=flush)

    print.__doc__ = original.__doc__
    print.__module__ = "builtins"
    print.__qualname__ = "print"
    return print


class _BinaryOut:
    """sys.stdout.buffer: bytes go into the fd pipe and are decoded with everything else there."""

    def __init__(self, fd, name):
        self._fd = fd
        self.name = name
        self.mode = "wb"

    def write(self, data):
        view = memoryview(data).cast("B")
        total = len(view)
        while view:
            view = view[os.write(self._fd, view) :]
        return total

    def writelines(self, chunks):
        for chunk in chunks:
            self.write(chunk)

    def flush(self):
        pass

    def fileno(self):
        return self._fd

    def isatty(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False

    def seekable(self):
        return False

    @property
    def closed(self):
        return False


_libc = None


def _load_libc():
    """libc through ctypes, only when ctypes is loaded anyway (or on Linux after `ready`)."""
    global _libc
    if _libc is None:
        try:
            import ctypes

            _libc = ctypes.CDLL(None, use_errno=True)
            _libc.fflush.argtypes = [ctypes.c_void_p]
        except (OSError, AttributeError, ImportError):
            _libc = False
    return _libc


def _c_fflush():
    libc = _load_libc()
    if libc:
        libc.fflush(None)


def line_buffer_c_stdout():
    """Make C stdio's stdout line-buffered, as on a terminal, so C printf lines interleave with print()."""
    libc = _load_libc()
    if not libc:
        return
    import ctypes

    for symbol in ("stdout", "__stdoutp"):
        try:
            stream = ctypes.c_void_p.in_dll(libc, symbol)
        except ValueError:
            continue
        libc.setvbuf.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_size_t]
        libc.setvbuf(stream, None, 1, 0)  # _IOLBF is 1 on glibc, musl and macOS
        return
