"""The Shell: one persistent namespace, compile and run cells, results, errors, interrupt and stdin.

docs/worker.md describes the part of this object that oprel_magics relies on.
"""

import _signal
import _thread
import builtins
import os
import sys
import time as _time

PyCF_ONLY_AST = 0x400
PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000
CO_COROUTINE = 0x80
FUTURE_FLAGS = 0x1FE0000  # every CO_FUTURE_* flag: `from __future__` in one cell holds for later cells

STDIN_REFUSED = "{} was called, but this frontend does not support input requests."
# Where IPython's UsageError (unknown magic, bad magic arguments) is defined: the worker's, IPython's.
USAGE_ERROR_MODULES = ("oprel_magics_registry", "IPython.core.error")


class StdinNotImplementedError(NotImplementedError):
    """input() or getpass() where nobody can answer (Jupyter's name and message)."""


class Shell:
    """The notebook's interpreter state. `execution_count` is the number of the running (or last) cell."""

    def __init__(self, channel, capture):
        self.channel = channel
        self.io = capture
        main = type(sys)("__main__")  # a real module, so pickle finds classes defined in cells
        main.__dict__["__builtins__"] = builtins
        sys.modules["__main__"] = main
        self.user_ns = main.__dict__
        self.user_ns_hidden = {}  # names bound by oprel; hidden from summaries while unchanged
        self.execution_count = 0
        self.pre_execute_hooks = []
        self.post_execute_hooks = []
        self.error_hooks = []  # called with the exception after a cell's error is shown
        self.transform_cell = None  # oprel_magics.transform_cell once installed
        self.linecache = None
        self._flags = 0
        self._sources = 0
        self._request = None
        self._quiet_failure = None  # a failure reported without an error event (a UsageError)
        self._stdin = None  # (request id, lock, answer box) while input() waits
        self._stdin_lock = _thread.allocate_lock()
        self._loop = None
        self._last_input = ""
        self.In = [""]
        self.Out = {}
        self.user_ns.update(
            In=self.In, Out=self.Out, _ih=self.In, _oh=self.Out, _dh=[os.getcwd()],
            _i="", _ii="", _iii="", _="", __="", ___="",
        )
        builtins.input = self.input
        sys.displayhook = self.displayhook
        self.hide_current_names()

    # ---- the part magics use (docs/worker.md) ----

    def run_source(self, source, filename=None):
        """Transform, compile and run source in user_ns; return its trailing expression's value.
        Exceptions propagate to the caller."""
        python = self._transform(source)
        if filename is None:  # named by the caller (%time's "<timed exec>"): no lines, as in IPython
            self._sources += 1
            filename = f"<source-{self._sources}>"
            self._cache_source(filename, source, python)
        body, last = self._compile(python, filename, interactive=True)
        if body is not None:
            self._run_code(body)
        return None if last is None else self._run_code(last)

    def display(self, *objs, display_id=None, metadata=None, raw=False, update=False, **kwargs):
        import oprel_display

        return oprel_display.display(*objs, display_id=display_id, metadata=metadata, raw=raw,
                                     update=update, **kwargs)

    def clear_output(self, wait=False):
        self.emit({"type": "clear_output", "id": self.channel.current_id, "wait": bool(wait)})

    def capture(self, stdout=True, stderr=True, display=True):
        import oprel_display

        return oprel_display.CaptureOutput(self, stdout, stderr, display)

    def emit_stream(self, name, text):
        if name not in ("stdout", "stderr"):
            raise ValueError(f"stream name must be 'stdout' or 'stderr', not {name!r}")
        if text:
            self.io.drain()
            self.io.sink.stream(name, text)

    def flush_fds(self):
        self.io.flush_fds()

    def format_bundle(self, obj, include=None, exclude=None):
        import oprel_display

        return oprel_display.format_bundle(obj, include, exclude)

    # ---- events ----

    def emit(self, message):
        """Send an event of the running cell after all output written before it (keeps order)."""
        self.io.drain()
        self.io.sink.message(message)

    def _emit_now(self, message):
        self.io.drain()
        self.channel.push(message, urgent=True)

    def hide_current_names(self):
        self.user_ns_hidden.update(self.user_ns)

    # ---- running a cell ----

    def execute(self, request):
        """Handle one execute request: status, outputs in order, then exactly one done."""
        rid = request.get("id")
        code = request.get("code")
        if not isinstance(code, str):
            code = ""
        silent = bool(request.get("silent"))
        self.channel.current_id = rid
        self.channel.push({"type": "status", "id": rid, "state": "busy"})
        blank = not code or code.isspace()
        count = None
        if not (blank or silent):
            self.execution_count += 1
            count = self.execution_count
        self._request = request
        self._quiet_failure = None
        try:
            ok = True if blank else self._run_cell(code, count)
        except BaseException as exc:  # a failure of the worker itself, never of user code
            ok = False
            self._report_internal(exc)
        finally:
            self._request = None
        self._post_execute()
        self.io.flush_fds()
        done = {"type": "done", "id": rid, "status": "ok" if ok else "error", "execution_count": count}
        if not ok and self._quiet_failure is not None:
            done["error"] = self._quiet_failure
        self._emit_now(done)

    def _run_cell(self, raw, count):
        filename = f"<cell In[{count}]>" if count is not None else self._next_silent_name()
        python = raw
        try:
            python = self._transform(raw)
            self._cache_source(filename, raw, python)
            body, last = self._compile(python, filename, interactive=count is not None)
        except BaseException as exc:
            self._store_input(count, raw, python)
            self._report(exc)
            return False
        self._store_input(count, raw, python)
        try:
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
            self._take_early_interrupt()
            if count is not None:  # as IPython's pre_run_cell: not for silent or blank cells
                self._run_hooks(self.pre_execute_hooks, "pre-execute", interruptible=True)
            if body is not None:
                self._run_code(body)
            if last is not None:
                self.displayhook(self._run_code(last))
            _signal.signal(_signal.SIGINT, self.between_cells)
        except BaseException as exc:
            _signal.signal(_signal.SIGINT, self.between_cells)
            self._report(exc)
            return False
        return True

    # ---- interrupts that arrive before a cell's code starts ----
    # The controller marks a cell running when it sends it, so a quick interrupt can reach this
    # process while it still reads or compiles the cell. Such a SIGINT is remembered, and the cell
    # is interrupted as it starts if the controller's notice names it (the notice is sent just
    # before the signal; a stale signal, meant for a cell already done, names no cell that starts).

    interrupt_notice = None  # set by the reader thread: the id of the request to interrupt
    _early_sigint = False

    def between_cells(self, signum, frame):
        """The SIGINT handler while no cell code runs: remember it, raise nothing."""
        self._early_sigint = True

    def _take_early_interrupt(self):
        if not self._early_sigint:
            return
        self._early_sigint = False
        rid = (self._request or {}).get("id")
        deadline = _time.monotonic() + 0.05  # the notice may still be in the reader thread's hands
        while self.interrupt_notice != rid and _time.monotonic() < deadline:
            _time.sleep(0.002)
        if rid is not None and self.interrupt_notice == rid:
            raise KeyboardInterrupt

    def _transform(self, source):
        transform = self.transform_cell
        return source if transform is None else transform(source)

    def _compile(self, source, filename, interactive):
        """Code for the cell body and, when interactive, for a trailing expression statement."""
        flags = PyCF_ALLOW_TOP_LEVEL_AWAIT | self._flags
        tree = compile(source, filename, "exec", flags | PyCF_ONLY_AST, dont_inherit=True)
        body = tree.body
        last = None
        if interactive and body and type(body[-1]).__name__ == "Expr":
            if not _ends_with_semicolon(source, body[-1]):
                import _ast

                last = _ast.Expression(body.pop().value)
        code = compile(tree, filename, "exec", flags, dont_inherit=True) if body else None
        expr = None if last is None else compile(last, filename, "eval", flags, dont_inherit=True)
        for compiled in (code, expr):
            if compiled is not None:
                self._flags |= compiled.co_flags & FUTURE_FLAGS
        return code, expr

    def _run_code(self, code):
        result = eval(code, self.user_ns)
        if code.co_flags & CO_COROUTINE:
            result = self._run_coroutine(result)
        return result

    def _run_coroutine(self, coroutine):
        import asyncio

        loop = self._loop
        if loop is None or loop.is_closed():
            loop = self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
        return loop.run_until_complete(coroutine)

    def _cache_source(self, filename, raw, python):
        """Register the cell in linecache, so tracebacks and inspect.getsource show its lines."""
        linecache = self.linecache
        if linecache is None:
            import linecache

            self.linecache = linecache
        # Show what the user wrote when the magics transform kept the line numbers.
        text = raw if raw.count("\n") == python.count("\n") else python
        # Split on newlines only (not str.splitlines, which also splits on \f and \u2028 and would
        # shift line numbers); every line ends with "\n", as inspect.getsource expects.
        lines = [line + "\n" for line in text.replace("\r\n", "\n").split("\n")]
        if text.endswith("\n"):
            lines.pop()
        linecache.cache[filename] = (len(text), None, lines, filename)

    def _next_silent_name(self):
        self._sources += 1
        return f"<silent-{self._sources}>"

    def _store_input(self, count, raw, python):
        if count is None:
            return
        self.In.append(python)
        ns = self.user_ns
        ns["_iii"] = ns.get("_ii", "")
        ns["_ii"] = ns.get("_i", "")
        ns["_i"] = self._last_input
        ns[f"_i{count}"] = raw
        self._last_input = raw

    def displayhook(self, value):
        """The value of a cell's last expression: store it like IPython and send it as `result`."""
        if value is None:
            return
        import oprel_display

        if oprel_display.self_displayed(value):
            return
        count = self.execution_count
        if value is not self.Out:
            ns = self.user_ns
            ns["___"] = ns.get("__", "")
            ns["__"] = ns.get("_", "")
            ns["_"] = value
            if count:
                ns[f"_{count}"] = value
                self.Out[count] = value
        data, metadata = oprel_display.format_bundle(value)
        self.emit({"type": "result", "id": self.channel.current_id, "execution_count": count,
                   "data": data, "metadata": metadata})

    def _post_execute(self):
        self._run_hooks(self.post_execute_hooks, "post-execute")

    def _run_hooks(self, hooks, kind, interruptible=False):
        """A hook's failure never fails the cell: its traceback goes to the cell's stderr. Only an
        interrupt (Ctrl-C during a slow pre-execute hook) stops the cell."""
        for hook in list(hooks):
            try:
                hook()
            except BaseException as exc:
                if interruptible and isinstance(exc, KeyboardInterrupt):
                    raise
                name = getattr(hook, "__qualname__", repr(hook))
                self.write_exception(exc, f"Error in {kind} hook {name}:")

    # ---- errors ----

    def _report(self, exc):
        """The cell failed with exc: its error output, then the error hooks (%pdb's post-mortem)."""
        if _is_usage_error(exc):
            sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
            self._report_usage_error(exc)
            return
        self.show_exception(exc)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            return  # an interrupt or a timeout must not wait in a debugger
        for hook in list(self.error_hooks):
            try:
                hook(exc)
            except BaseException as failure:  # e.g. the debugger refused stdin: shown, cell failed anyway
                self.show_exception(failure)

    def show_exception(self, exc):
        """An error output for exc, as IPython's showtraceback: it does not end the cell by itself, so a
        magic that reports an error and carries on (%time) uses it."""
        sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
        try:
            import oprel_traceback

            ename, evalue, lines = oprel_traceback.describe(exc)
        except BaseException as failure:  # a pathological exception must not take the worker down
            ename, evalue = type(exc).__name__, ""
            lines = [f"{ename} (its traceback could not be formatted: {type(failure).__name__})"]
        self.emit({"type": "error", "id": self.channel.current_id, "ename": ename,
                   "evalue": evalue, "traceback": lines})

    def _report_usage_error(self, exc):
        """As IPython: one line on stderr, no error output; the cell still fails, and `done` says
        why (what Jupyter's execute_reply carries)."""
        try:
            evalue = str(exc)
        except Exception:
            evalue = ""
        line = f"UsageError: {evalue}"
        self.emit_stream("stderr", line + "\n")
        self._quiet_failure = {"ename": type(exc).__name__, "evalue": evalue, "traceback": [line]}

    def write_exception(self, exc, heading):
        """A non-fatal problem (hook, repr method): its traceback goes to the cell's stderr."""
        try:
            import oprel_traceback

            text = heading + "\n" + oprel_traceback.plain_text(exc).rstrip("\n")
        except BaseException:
            text = f"{heading} {type(exc).__name__}"
        sys.stderr.write(text + "\n")

    def _report_internal(self, exc):
        self.channel.log(f"oprel worker: internal error while executing: {exc!r}")
        self.emit({"type": "error", "id": self.channel.current_id, "ename": "WorkerError",
                   "evalue": repr(exc), "traceback": [f"oprel worker internal error: {exc!r}"]})

    # ---- stdin ----

    def input(self, prompt=""):
        """Replaces builtins.input: asks the controller (stdin_request) and waits for the reply."""
        return self._ask(str(prompt), False, "raw_input")

    def getpass(self, prompt="Password: ", stream=None):
        return self._ask(str(prompt), True, "getpass")

    def _ask(self, prompt, password, caller):
        request = self._request
        if request is None or not request.get("allow_stdin", True):
            raise _stdin_refusal(STDIN_REFUSED.format(caller))
        rid = request.get("id")
        answered = _thread.allocate_lock()
        answered.acquire()
        box = []
        with self._stdin_lock:  # one question at a time, whichever thread asks
            self._stdin = (rid, answered, box)
            try:
                self._emit_now({"type": "stdin_request", "id": rid, "prompt": prompt,
                                "password": password})
                try:
                    answered.acquire()
                except KeyboardInterrupt:
                    raise KeyboardInterrupt("Interrupted by user") from None
            finally:
                self._stdin = None
        return box[0]

    def answer_input(self, rid, value):
        """Called by the reader thread for input_reply. False when nobody waits for it."""
        waiting = self._stdin
        if waiting is None or waiting[0] != rid:
            return False
        waiting[2].append(value if isinstance(value, str) else str(value))
        waiting[1].release()
        return True


def _stdin_refusal(message):
    """IPython's StdinNotImplementedError (the real one, or the shim's) when the notebook has imported
    it: only then can an `except` clause name it, and looking costs nothing. Otherwise the worker's own."""
    cls = getattr(sys.modules.get("IPython.core.error"), "StdinNotImplementedError", None)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        cls = StdinNotImplementedError
    return cls(message)


def _is_usage_error(exc):
    return any(cls.__name__ == "UsageError" and cls.__module__ in USAGE_ERROR_MODULES
               for cls in type(exc).__mro__)


def _ends_with_semicolon(source, node):
    """True when the first thing after the expression statement is `;` (IPython's quiet rule)."""
    lines = source.replace("\r\n", "\n").split("\n")
    end = node.end_lineno
    tail = lines[end - 1].encode("utf-8")[node.end_col_offset :].decode("utf-8", "replace")
    for char in tail + "\n" + "\n".join(lines[end:]):
        if char in " \t\n\\)":
            continue
        return char == ";"
    return False
