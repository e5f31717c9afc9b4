"""oprel's Python worker: start-up, `ready`, the main loop and request dispatch.

Spawned by the controller with cwd = the notebook's folder and fd 3 = a socket pair (docs/protocol.md).
Only cheap modules are imported before `ready`; everything else comes after it or on first use.
"""

import _thread
import faulthandler  # built in: importing and enabling it costs microseconds
import os
import sys

PROTOCOL_VERSION = 1
PARENT_PID = os.getppid()
WORKER_DIR = os.path.dirname(os.path.abspath(__file__))
# The guard: a shell in the worker's process group that reads a pipe only this process holds open.
# When the worker ends, however it ends (a SIGKILL when the controller dies included), the read
# returns and the guard kills the group: commands the notebook left running (`!server &`) go too.
GUARD_SCRIPT = ": oprel worker guard; trap '' INT; read -r line; kill -s KILL 0"
_guard_pipe = None  # the write end; open as long as this process lives


def _protect_channel():
    """fd 3 must never leak into children of user code, or they would keep the channel open."""
    try:
        os.set_inheritable(3, False)
    except OSError:
        sys.stderr.write("oprel worker: file descriptor 3 (the channel to the controller) is not "
                         "open. Start the worker through oprel, not by hand.\n")
        sys.exit(2)


def _fix_path():
    """sys.path as in Jupyter: '' (the cwd) first, so notebooks import their neighbours, and no trace of
    the worker's folder. The worker's own modules are found by _OwnModules instead, ahead of sys.path."""
    sys.path[:] = ["", *(p for p in sys.path if p and os.path.abspath(p) != WORKER_DIR)]
    sys.meta_path.insert(0, _OwnModules)


class _OwnModules:
    """Finds the worker's `oprel_*` modules (and `oprel`, the notebook's helper) in its own folder before sys.path is searched: a file named
    like one of them next to the notebook (`oprel_capture.py`) cannot replace it. Other names, the
    notebook's own `oprel_helpers.py` included, pass through to the usual search."""

    path_finder = next(f for f in sys.meta_path if getattr(f, "__name__", "") == "PathFinder")

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if path is None and (name == "oprel" or name.startswith("oprel_")):
            return cls.path_finder.find_spec(name, [WORKER_DIR])
        return None


def _limit_memory():
    value = os.environ.get("OPREL_MEMORY_LIMIT")
    if not value:
        return
    try:
        limit = int(value)
        if limit <= 0:
            raise ValueError
    except ValueError:
        sys.stderr.write("oprel worker: OPREL_MEMORY_LIMIT must be a positive number of bytes, "
                         f"not {value!r}.\n")
        sys.exit(2)
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError, AttributeError) as exc:
        sys.stderr.write(f"oprel worker: could not apply OPREL_MEMORY_LIMIT ({exc}); "
                         "running without a memory limit.\n")


class Dispatcher:
    """Runs on the reader thread: execute requests queue up for the main thread, the rest is answered
    at once, even while a cell runs."""

    def __init__(self, shell, channel, requests):
        self.shell = shell
        self.channel = channel
        self.requests = requests
        # Held until the after-ready set-up is done: questions asked in the first milliseconds wait
        # for it, so a syntax check already knows IPython syntax.
        self.set_up = _thread.allocate_lock()
        self.set_up.acquire()

    def handle(self, message):
        kind = message.get("type")
        rid = message.get("id")
        if kind == "execute":
            self.requests.put(message)
        elif kind == "interrupt":
            self.shell.interrupt_notice = rid
        elif kind == "input_reply":
            if not self.shell.answer_input(rid, message.get("value", "")):
                self.channel.log(f"oprel worker: input_reply for {rid!r} ignored: nobody is waiting")
        elif kind in ("complete", "inspect", "namespace", "check_syntax"):
            if self.set_up.locked():
                with self.set_up:
                    pass
            import oprel_introspect

            self.reply(rid, oprel_introspect.answer(self.shell, message))
        elif kind == "registry_reply":
            import oprel_share

            oprel_share.deliver(rid, message.get("content"))  # no taker: an interrupted wait
        elif kind == "shutdown":
            self.reply(rid, {})
            self.channel.flush()
            self.shutdown()
        elif rid is not None:
            self.reply(rid, {"error": f"unknown request type {kind!r}"})
        else:
            self.channel.log(f"oprel worker: message without an id ignored (type {kind!r})")

    def reply(self, rid, content):
        self.channel.push({"type": "reply", "id": rid, "content": content}, urgent=True)

    def shutdown(self):
        if self.shell._request is None and self.requests.empty():
            self.requests.put(None)  # idle: the main thread runs atexit handlers, then exits
            import time

            time.sleep(2)  # ...unless they hang
        os._exit(0)


def _after_ready(shell, channel):
    """Work that must happen before the first cell but need not delay `ready`."""
    import threading  # noqa: F401  (first import on the main thread makes it threading's main thread)
    import getpass
    import linecache

    import oprel_capture

    no_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    import oprel_display
    import oprel_traceback  # noqa: F401  (compiled now, so the first error is reported fast)

    sys.dont_write_bytecode = no_bytecode
    shell.linecache = linecache
    oprel_display.install(shell)
    getpass.getpass = shell.getpass
    _guard_process_group(channel)
    if sys.platform.startswith("linux"):
        _die_with_parent()
        oprel_capture.line_buffer_c_stdout()
    _install_magics(shell, channel)
    _run_startup_file(shell, channel)
    shell.hide_current_names()


def _guard_process_group(channel):
    """Start the guard (GUARD_SCRIPT), if this worker leads its process group as oprel starts it."""
    global _guard_pipe
    if os.getpgrp() != os.getpid() or not hasattr(os, "posix_spawn"):
        return
    read_end, write_end = os.pipe()  # both non-inheritable: no child of user code holds them
    try:
        os.posix_spawn("/bin/sh", ["sh", "-c", GUARD_SCRIPT], {}, file_actions=[
            (os.POSIX_SPAWN_DUP2, read_end, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ])
        _guard_pipe = write_end
        os.register_at_fork(after_in_child=_drop_guard_pipe)  # forked children must not hold it
    except OSError as exc:
        os.close(write_end)
        channel.log(f"oprel worker: no guard for background commands ({exc}); they may outlive "
                    "the worker when the controller is killed")
    finally:
        os.close(read_end)


def _drop_guard_pipe():
    global _guard_pipe
    if _guard_pipe is not None:
        os.close(_guard_pipe)
        _guard_pipe = None


def _die_with_parent():
    """PR_SET_PDEATHSIG: SIGKILL when the controller dies, even if the reader thread cannot run."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        return
    if os.getppid() != PARENT_PID:  # the controller died before we asked
        os._exit(0)


def _install_magics(shell, channel):
    try:
        import oprel_magics
    except ModuleNotFoundError as exc:
        if exc.name != "oprel_magics":
            channel.log(f"oprel worker: IPython syntax is unavailable ({exc})")
        return
    try:
        oprel_magics.install(shell)
        shell.transform_cell = oprel_magics.transform_cell
    except Exception as exc:
        channel.log(f"oprel worker: IPython syntax is unavailable ({type(exc).__name__}: {exc})")


def _run_startup_file(shell, channel):
    """$PYTHONSTARTUP, as ipykernel runs it: in the notebook's namespace before the first cell, its names
    hidden from %who like the worker's own. What it prints belongs to no cell; a failure goes to the log."""
    path = os.environ.get("PYTHONSTARTUP")
    if not path:
        return
    path = os.path.expanduser(path)
    try:
        with open(path, "rb") as handle:
            code = compile(handle.read(), path, "exec")
        shell.user_ns["__file__"] = path
        exec(code, shell.user_ns)
    except BaseException as exc:  # a broken startup file must not stop the worker
        channel.log(f"oprel worker: the PYTHONSTARTUP file {path} failed: {type(exc).__name__}: {exc}")
    finally:
        shell.user_ns.pop("__file__", None)
        shell.io.flush_fds()


def _main_loop(shell, requests):
    while True:
        request = requests.get()
        if request is None:
            _exit_cleanly(shell)
        try:
            shell.execute(request)
        except BaseException as exc:  # never let the loop die; the shell already sent `done`
            shell.channel.log(f"oprel worker: internal error in the main loop: {exc!r}")


def _exit_cleanly(shell):
    import atexit

    try:
        atexit._run_exitfuncs()
        shell.io.flush_fds()
        shell.channel.flush()
    finally:
        os._exit(0)


def _take_registry_config():
    """Where shared values are written and how large one may be (oprel_share), taken out of the
    environment so that commands the notebook runs do not inherit them. None without a registry."""
    staging = os.environ.pop("OPREL_REGISTRY_STAGING", None)
    limit = os.environ.pop("OPREL_REGISTRY_LIMIT", None)
    if not staging or not limit or not limit.isdigit():
        return None
    return staging, int(limit)


def main():
    _protect_channel()
    _fix_path()
    _limit_memory()
    os.environ["PAGER"] = os.environ["GIT_PAGER"] = "cat"  # as ipykernel: nothing may wait on a pager

    import _queue
    import _signal

    # Cache the bytecode of oprel's own modules even where PYTHONDONTWRITEBYTECODE is set: compiling
    # them at every start costs more than the rest of start-up. User code keeps the user's setting.
    no_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    import oprel_capture
    import oprel_channel
    import oprel_execute

    sys.dont_write_bytecode = no_bytecode

    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # interrupts count only while a cell runs
    channel = oprel_channel.Channel(3)
    capture = oprel_capture.Capture(channel)
    oprel_channel.set_diagnostic_fd(capture.original_stderr)
    # A segfault's Python stack goes where the controller reads the worker's last words (DeathInfo).
    faulthandler.enable(capture.original_stderr, all_threads=False)
    shell = oprel_execute.Shell(channel, capture)
    _signal.signal(_signal.SIGINT, shell.between_cells)
    shell.registry_config = _take_registry_config()
    requests = _queue.SimpleQueue()
    dispatcher = Dispatcher(shell, channel, requests)
    channel.start(dispatcher.handle)
    channel.push({"type": "ready", "protocol": PROTOCOL_VERSION, "pid": os.getpid(),
                  "python": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable},
                 urgent=True)
    try:
        _after_ready(shell, channel)
    finally:
        dispatcher.set_up.release()
    _main_loop(shell, requests)


if __name__ == "__main__":
    main()
