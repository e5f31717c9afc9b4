"""Rich display: MIME bundles from IPython's repr protocol, display(), update_display(),
clear_output(), DisplayHandle, and capturing output for %%capture."""

import binascii
import builtins
import os
import sys

import oprel_channel

# The formatters IPython knows, in its order. text/plain is computed separately and always present.
REPR_METHODS = (
    ("text/html", "_repr_html_"),
    ("text/markdown", "_repr_markdown_"),
    ("image/svg+xml", "_repr_svg_"),
    ("image/png", "_repr_png_"),
    ("application/pdf", "_repr_pdf_"),
    ("image/jpeg", "_repr_jpeg_"),
    ("text/latex", "_repr_latex_"),
    ("application/json", "_repr_json_"),
    ("application/javascript", "_repr_javascript_"),
)
BINARY = frozenset(("image/png", "image/jpeg", "application/pdf"))
# Values of these types have no repr methods: skip the lookups (the `1+1` fast path).
PLAIN_TYPES = frozenset((int, float, complex, bool, str, bytes, type(None), range, bytearray))

_shell = None


def install(shell):
    """Bind display helpers into builtins (IPython has `display` there; the others are for convenience)."""
    global _shell
    _shell = shell
    builtins.display = display
    builtins.update_display = update_display
    builtins.clear_output = clear_output


# ---- the repr protocol ----


def format_bundle(obj, include=None, exclude=None):
    """(data, metadata) for obj; text/plain always present unless excluded on purpose."""
    data = {}
    metadata = {}
    if type(obj) not in PLAIN_TYPES and not isinstance(obj, type):
        _from_mimebundle(obj, include, exclude, data, metadata)
        for mime, name in REPR_METHODS:
            if mime in data or not _wanted(mime, include, exclude):
                continue
            method = _repr_method(obj, name)
            if method is None:
                continue
            value = _call(obj, name, method)
            if isinstance(value, tuple) and len(value) == 2:
                value, extra = value
                if isinstance(extra, dict) and extra:
                    metadata[mime] = extra
            value = _coerce(mime, f"{type(obj).__name__}.{name}()", value)
            if value is not None:
                data[mime] = value
    if "text/plain" not in data:
        data["text/plain"] = plain_text(obj)
    if include or exclude:
        data = {k: v for k, v in data.items() if _wanted(k, include, exclude)}
        metadata = {k: v for k, v in metadata.items() if "/" not in k or k in data}
    return data, metadata


def _from_mimebundle(obj, include, exclude, data, metadata):
    method = _repr_method(obj, "_repr_mimebundle_")
    if method is None:
        return
    value = _call(obj, "_repr_mimebundle_", method, include=include, exclude=exclude)
    if isinstance(value, tuple) and len(value) == 2:
        value, extra = value
        if isinstance(extra, dict):
            metadata.update(extra)
    if isinstance(value, dict):
        for mime, item in value.items():
            mime = str(mime)
            item = _coerce(mime, f"{type(obj).__name__}._repr_mimebundle_()", item)
            if item is not None:
                data[mime] = item


def _wanted(mime, include, exclude):
    return (not include or mime in include) and (not exclude or mime not in exclude)


def _repr_method(obj, name):
    try:
        method = getattr(obj, name, None)
        if method is None or not callable(method):
            return None
        # An object that claims to have *every* attribute (a proxy, a mock) lies about this one too.
        if callable(getattr(obj, "_ipython_canary_method_should_not_exist_", None)):
            return None
    except Exception:
        return None
    return method


def _call(obj, name, method, **kwargs):
    try:
        return method(**kwargs)
    except NotImplementedError:
        return None
    except Exception as exc:  # a broken repr method costs its MIME type, never the cell
        _shell.write_exception(exc, f"Error in {type(obj).__name__}.{name}() (output skipped):")
        return None


def _coerce(mime, source, value):
    """The JSON value for one MIME type, or None (with a warning on stderr) when it is unusable.
    source names where the value came from, for the warning."""
    if value is None:
        return None
    # nbformat's schema: only application/json and application/...+json hold any JSON value.
    is_json = mime.startswith("application/") and (mime == "application/json" or mime.endswith("+json"))
    is_text = mime.startswith("text/") or mime in ("image/svg+xml", "application/javascript")
    if isinstance(value, (bytes, bytearray, memoryview)):
        if is_text:
            return bytes(value).decode("utf-8", "replace")
        if not is_json:
            return binascii.b2a_base64(bytes(value), newline=False).decode("ascii")
    elif isinstance(value, str):
        if not is_json:
            return value  # text as is; binary types given as str are base64 already
        import json

        try:
            value = json.loads(value)  # IPython accepts a JSON string here too
        except ValueError:
            value = None
        if value is not None and _serializable(value):
            return value
    elif not is_json and isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)  # nbformat's multi-line string
    elif is_json:
        if _serializable(value):
            return value
    elif not is_text and mime not in BINARY and _serializable(value):
        # No IPython formatter checks this type (Jupyter saves the object as is), but nbformat allows
        # only text here: the value's JSON text keeps it and the notebook valid.
        import json

        return json.dumps(value, ensure_ascii=False)
    _warn(f"{source} gave an unusable {type(value).__name__} for {mime} (wrong type, or not "
          "JSON); skipped.")
    return None


def _serializable(value):
    try:
        oprel_channel.dumps(value)
        return True
    except (TypeError, ValueError, RecursionError):
        return False


def _warn(text):
    sys.stderr.write(f"FormatterWarning: {text}\n")


def plain_text(obj):
    """text/plain as IPython's pretty printer writes it (oprel_pretty, imported on first need)."""
    kind = type(obj)
    try:
        if kind in PLAIN_TYPES:
            return repr(obj)
        import oprel_pretty

        return oprel_pretty.pretty(obj)
    except Exception as exc:
        try:
            return f"<{kind.__module__}.{kind.__qualname__} object at {hex(id(obj))} " \
                   f"(repr failed: {type(exc).__name__})>"
        except Exception:
            return "<object (repr failed)>"


# ---- display ----


def self_displayed(obj):
    """Objects with _ipython_display_ show themselves (widgets); True when that happened."""
    if isinstance(obj, type):
        return False
    method = _repr_method(obj, "_ipython_display_")
    if method is None:
        return False
    method()
    return True


def display(*objs, include=None, exclude=None, metadata=None, transient=None, display_id=None,
            raw=False, clear=False, update=False, **kwargs):
    """Show objects as display_data outputs (IPython's signature). With display_id, returns a handle."""
    if transient and not display_id:
        display_id = transient.get("display_id")
    if display_id is True:
        display_id = new_display_id()
    if update and not display_id:
        raise TypeError("display_id required for update_display")
    if not objs and display_id:
        objs, raw = ({},), True  # an empty output to update later
    if clear:
        clear_output(wait=True)
    for obj in objs:
        if raw:
            data = _clean_raw(obj)
            extra = dict(metadata) if metadata else {}
        else:
            if self_displayed(obj):
                continue
            data, extra = format_bundle(obj, include, exclude)
            if metadata:
                _merge(extra, metadata)
        publish(data, extra, display_id, update)
    if display_id:
        return DisplayHandle(display_id)
    return None


def update_display(obj, *, display_id, **kwargs):
    """Replace the output(s) shown earlier with this display_id."""
    kwargs["update"] = True
    display(obj, display_id=display_id, **kwargs)


def clear_output(wait=False):
    """Clear the cell's output now, or (wait=True) when the next output arrives."""
    _shell.clear_output(wait)


def publish(data, metadata, display_id=None, update=False):
    message = {"type": "update_display" if update else "display", "id": _shell.channel.current_id,
               "data": data, "metadata": metadata, "display_id": display_id}
    _shell.emit(message)


def new_display_id():
    return os.urandom(16).hex()


def _clean_raw(bundle):
    if not isinstance(bundle, dict):
        raise TypeError(f"display(raw=True) needs MIME bundle dicts, not {type(bundle).__name__}")
    data = {}
    for mime, value in bundle.items():
        value = _coerce(str(mime), "display(raw=True)", value)
        if value is not None:
            data[str(mime)] = value
    return data


def _merge(target, extra):
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            target[key] = {**target[key], **value}
        else:
            target[key] = value


class DisplayHandle:
    """Returned by display(..., display_id=...): show or replace that output later."""

    def __init__(self, display_id=None):
        self.display_id = display_id or new_display_id()

    def __repr__(self):
        return f"<{type(self).__name__} display_id={self.display_id}>"

    def display(self, obj, **kwargs):
        display(obj, display_id=self.display_id, **kwargs)

    def update(self, obj, **kwargs):
        update_display(obj, display_id=self.display_id, **kwargs)


# ---- capturing (%%capture, shell.capture) ----


class RichOutput:
    """One captured display: .data, .metadata; display it again with .display()."""

    def __init__(self, data, metadata, output_type="display_data"):
        self.data = data
        self.metadata = metadata
        self.output_type = output_type

    def display(self):
        publish(self.data, self.metadata)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.data, self.metadata

    def __repr__(self):
        return f"<RichOutput {', '.join(self.data)}>"


class CapturedIO:
    """What a capture collected: .stdout, .stderr, .outputs; show() emits it all again.
    str() is the captured stdout, as IPython's (so %whos and print show it)."""

    def __init__(self):
        self._stdout = []
        self._stderr = []
        self.outputs = []

    @property
    def stdout(self):
        return "".join(self._stdout)

    @property
    def stderr(self):
        return "".join(self._stderr)

    def show(self):
        _shell.emit_stream("stdout", self.stdout)
        _shell.emit_stream("stderr", self.stderr)
        for output in self.outputs:
            output.display()

    __call__ = show

    def __str__(self):
        return self.stdout


# Named where notebooks find it (the shim's IPython.utils.capture), so its default repr reads as in
# Jupyter: <IPython.utils.capture.CapturedIO at 0x...>.
CapturedIO.__module__ = "IPython.utils.capture"


class _CaptureSink:
    def __init__(self, parent, captured, stdout, stderr, displays):
        self._parent = parent
        self._captured = captured
        self._streams = {}
        if stdout:
            self._streams["stdout"] = captured._stdout
        if stderr:
            self._streams["stderr"] = captured._stderr
        self._displays = displays

    def stream(self, name, text):
        target = self._streams.get(name)
        if target is None:
            self._parent.stream(name, text)
        else:
            target.append(text)

    def message(self, message, urgent=False):
        kind = message.get("type")
        if not self._displays or kind not in ("display", "update_display", "clear_output", "result"):
            self._parent.message(message)
        elif kind == "clear_output":
            self._captured.outputs.clear()
        elif kind == "display":
            self._captured.outputs.append(RichOutput(message["data"], message["metadata"]))
        elif kind == "result":
            self._captured.outputs.append(
                RichOutput(message["data"], message["metadata"], "execute_result"))


class CaptureOutput:
    """Context manager: stream text and displays inside it go to a CapturedIO instead of the cell."""

    def __init__(self, shell, stdout=True, stderr=True, display=True):
        self._shell = shell
        self._flags = (stdout, stderr, display)
        self._parent = None

    def __enter__(self):
        io = self._shell.io
        io.flush_fds()  # what was written before belongs to the cell
        captured = CapturedIO()
        self._parent = io.set_sink(_CaptureSink(io.sink, captured, *self._flags))
        return captured

    def __exit__(self, *exc_info):
        io = self._shell.io
        io.flush_fds()
        io.set_sink(self._parent)
        return False
