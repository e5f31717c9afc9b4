"""IPython's rich display objects (HTML, Markdown, Image, ...) for the oprel worker.

Each has the `_repr_*_` methods the worker's display turns into a MIME bundle; text/plain reads
`<IPython.core.display.HTML object>`, as in Jupyter.
"""

import base64
import json
import os
from pathlib import PurePath

from IPython.core.display_functions import (  # noqa: F401 - re-exported, as IPython does
    DisplayHandle,
    clear_output,
    display,
    publish_display_data,
    update_display,
)
from oprel_ipython_compat import set_matplotlib_close, set_matplotlib_formats, svg_element  # noqa: F401

__oprel_shim__ = True


def _source(data, url, filename):
    """IPython's reading of a lone string argument: a URL, a file that exists, or the data itself."""
    if isinstance(data, PurePath):
        data = str(data)
    if isinstance(data, str) and url is None and filename is None:
        if data.startswith(("http://", "https://")):
            return None, data, None
        if _exists(data):
            return None, None, data
    return data, url, filename


def _exists(path):
    try:
        return os.path.exists(path)
    except (ValueError, OSError):
        return False


class DisplayObject:
    """Data from `data`, `filename` or `url`; a string argument that names a file or URL is read from it."""

    _binary = False

    def __init__(self, data=None, url=None, filename=None, metadata=None):
        data, url, filename = _source(data, url, filename)
        self.data = data
        self.url = url
        self.filename = None if filename is None else str(filename)
        self.metadata = {} if metadata is None else dict(metadata)
        self.reload()
        self._check_data()

    def __repr__(self):
        return "<%s.%s object>" % (self.__class__.__module__, self.__class__.__name__)

    def _check_data(self):
        pass

    def _data_and_metadata(self):
        if self.metadata:
            return self.data, dict(self.metadata)
        return self.data

    def reload(self):
        """Read the data again from the file or URL it came from."""
        if self.filename is not None:
            if self._binary:
                with open(self.filename, "rb") as handle:
                    self.data = handle.read()
            else:
                with open(self.filename, encoding="utf-8") as handle:
                    self.data = handle.read()
        elif self.url is not None and self._fetch_url():
            import urllib.request

            with urllib.request.urlopen(self.url) as response:
                raw = response.read()
            self.data = raw if self._binary else raw.decode("utf-8", "replace")

    def _fetch_url(self):
        return True


class TextDisplayObject(DisplayObject):
    def _check_data(self):
        if self.data is not None and not isinstance(self.data, str):
            raise TypeError("%s expects text, not %r" % (self.__class__.__name__, self.data))


class Pretty(TextDisplayObject):
    def _repr_pretty_(self, printer, cycle):
        return printer.text(self.data)


class HTML(TextDisplayObject):
    def __init__(self, data=None, url=None, filename=None, metadata=None):
        if isinstance(data, str) and data.lstrip().lower().startswith("<iframe "):
            import warnings

            warnings.warn("Consider using IPython.display.IFrame instead", stacklevel=2)
        super().__init__(data=data, url=url, filename=filename, metadata=metadata)

    def _repr_html_(self):
        return self._data_and_metadata()

    def __html__(self):
        return self.data


class Markdown(TextDisplayObject):
    def _repr_markdown_(self):
        return self._data_and_metadata()


class Math(TextDisplayObject):
    def _repr_latex_(self):
        text = r"$\displaystyle %s$" % (self.data or "").strip("$")
        return (text, dict(self.metadata)) if self.metadata else text


class Latex(TextDisplayObject):
    def _repr_latex_(self):
        return self._data_and_metadata()


class SVG(DisplayObject):
    """SVG text, reduced to its <svg> element as IPython does."""

    def _check_data(self):
        if isinstance(self.data, bytes):
            self.data = self.data.decode("utf-8", "replace")
        if isinstance(self.data, str):
            self.data = svg_element(self.data)

    def _repr_svg_(self):
        return self._data_and_metadata()


class JSON(DisplayObject):
    """JSON data (dict or list) shown as application/json; `expanded` and `root` go to the metadata."""

    def __init__(
        self, data=None, url=None, filename=None, expanded=False, metadata=None, root="root", **kwargs
    ):
        self.metadata = {"expanded": expanded, "root": root}
        self.metadata.update(metadata or {})
        self.metadata.update(kwargs)
        self._data = None
        super().__init__(data=data, url=url, filename=filename, metadata=self.metadata)

    @property
    def data(self):
        return self._data

    @data.setter
    def data(self, value):
        if isinstance(value, PurePath):
            value = str(value)
        if isinstance(value, str):
            value = json.loads(value)
        self._data = value

    def _repr_json_(self):
        return self._data, dict(self.metadata)


class Javascript(TextDisplayObject):
    """JavaScript, optionally after loading libraries (lib) and stylesheets (css) by URL."""

    def __init__(self, data=None, url=None, filename=None, lib=None, css=None):
        self.lib = [lib] if isinstance(lib, str) else list(lib or [])
        self.css = [css] if isinstance(css, str) else list(css or [])
        super().__init__(data=data, url=url, filename=filename)

    def _repr_javascript_(self):
        code = ""
        for sheet in self.css:
            code += "(function(){var l=document.createElement('link');l.rel='stylesheet';"
            code += "l.href=%s;document.head.appendChild(l);})();\n" % json.dumps(sheet)
        for library in self.lib:
            code += "new Promise(function(ok, fail){var s=document.createElement('script');"
            code += "s.onload=ok;s.onerror=fail;s.src=%s;document.head.appendChild(s);}).then(() => {\n" % (
                json.dumps(library)
            )
        code += self.data or ""
        code += "\n})" * len(self.lib)
        return code


_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}
_IMAGE_TYPES.update({"webp": "image/webp", "svg": "image/svg+xml"})


class Image(DisplayObject):
    """An image from bytes, a file or a URL; embedded as base64 unless it is a URL with embed=False."""

    _binary = True

    def __init__(
        self,
        data=None,
        url=None,
        filename=None,
        format=None,
        embed=None,
        width=None,
        height=None,
        retina=False,
        unconfined=False,
        metadata=None,
        alt=None,
    ):
        data, url, filename = _source(data, url, filename)
        name = filename or url or ""
        if format is None and name:
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            format = "jpeg" if extension == "jpg" else extension
        if isinstance(data, bytes) and format is None:
            format = _sniff(data)
        self.format = (format or "png").lower()
        self.embed = embed if embed is not None else url is None
        if self.embed and self.format not in _IMAGE_TYPES:
            raise ValueError("Cannot embed the '%s' image format" % self.format)
        self.width = width
        self.height = height
        self.retina = retina
        self.unconfined = unconfined
        self.alt = alt
        super().__init__(data=data, url=url, filename=filename, metadata=metadata)

    def _fetch_url(self):
        return self.embed

    def _check_data(self):
        if self.data is None and self.url is None and self.filename is None:
            raise ValueError("No image data found. Expecting filename, url, or data.")
        if isinstance(self.data, str) and self.embed:
            raise FileNotFoundError("No such file or directory: '%s'" % self.data)

    @property
    def _mimetype(self):
        return _IMAGE_TYPES.get(self.format, "image/" + self.format)

    def _image_metadata(self):
        md = {}
        if self.width:
            md["width"] = self.width
        if self.height:
            md["height"] = self.height
        if self.unconfined:
            md["unconfined"] = self.unconfined
        if self.alt:
            md["alt"] = self.alt
        md.update(self.metadata)
        return md

    def _repr_html_(self):
        if self.embed:
            return None
        attributes = ""
        for key in ("width", "height", "alt"):
            if getattr(self, key):
                attributes += ' %s="%s"' % (key, getattr(self, key))
        if self.unconfined:
            attributes += ' class="unconfined"'
        return '<img src="%s"%s/>' % (self.url, attributes)

    def _repr_mimebundle_(self, include=None, exclude=None):
        if not self.embed:
            return {"text/html": self._repr_html_()}
        raw = self.data if isinstance(self.data, bytes) else bytes(self.data or b"")
        text = raw.decode("utf-8") if self.format == "svg" else base64.b64encode(raw).decode("ascii")
        md = self._image_metadata()
        return {self._mimetype: text}, ({self._mimetype: md} if md else {})


def _sniff(data):
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


class Video(DisplayObject):
    """A video by URL (or embedded from a file/bytes when embed=True), as an HTML <video> element."""

    def __init__(
        self,
        data=None,
        url=None,
        filename=None,
        embed=False,
        mimetype=None,
        width=None,
        height=None,
        html_attributes="controls",
    ):
        self.embed = embed
        self.mimetype = mimetype
        self.width = width
        self.height = height
        self.html_attributes = html_attributes
        super().__init__(data=data, url=url, filename=filename)

    def _fetch_url(self):
        return False

    def reload(self):
        if self.embed and self.filename is not None:
            with open(self.filename, "rb") as handle:
                self.data = handle.read()

    def _repr_html_(self):
        size = "".join(' %s="%s"' % (k, getattr(self, k)) for k in ("width", "height") if getattr(self, k))
        if not self.embed:
            source = self.url or self.filename
            return '<video src="%s" %s%s>Your browser does not support the video element.</video>' % (
                source,
                self.html_attributes,
                size,
            )
        mimetype = self.mimetype or "video/" + (self.filename or "x.mp4").rsplit(".", 1)[-1]
        encoded = base64.b64encode(self.data if isinstance(self.data, bytes) else b"").decode("ascii")
        return '<video %s%s><source src="data:%s;base64,%s" type="%s"></video>' % (
            self.html_attributes,
            size,
            mimetype,
            encoded,
            mimetype,
        )


class IFrame:
    """An <iframe> of src with the given size; extra keyword arguments become URL parameters."""

    def __init__(self, src, width, height, extras=None, **kwargs):
        self.src = src
        self.width = width
        self.height = height
        self.extras = extras or []
        self.params = kwargs

    def __repr__(self):
        return "<IPython.lib.display.IFrame at %s>" % hex(id(self))

    def _repr_html_(self):
        from urllib.parse import urlencode

        params = "?" + urlencode(self.params) if self.params else ""
        extras = " ".join(self.extras)
        return (
            f'<iframe\n    width="{self.width}"\n    height="{self.height}"\n    src="{self.src}{params}"\n'
            f'    frameborder="0"\n    allowfullscreen\n    {extras}\n></iframe>\n'
        )


class FileLink:
    """A link to a local file: HTML for notebooks, the absolute path as text."""

    html_link_str = "<a href='%s' target='_blank'>%s</a>"

    def __init__(self, path, url_prefix="", result_html_prefix="", result_html_suffix="<br>"):
        if os.path.isdir(path):
            raise ValueError(
                "Cannot display a directory using FileLink. Use FileLinks to display '%s'." % path
            )
        self.path = os.fsdecode(path)
        self.url_prefix = url_prefix
        self.result_html_prefix = result_html_prefix
        self.result_html_suffix = result_html_suffix

    def _repr_html_(self):
        if not os.path.exists(self.path):
            return (
                "Path (<tt>%s</tt>) doesn't exist. It may still be in the process of being generated, "
                "or you may have the incorrect path." % self.path
            )
        link = self.html_link_str % (self.url_prefix + self.path, self.path)
        return self.result_html_prefix + link + self.result_html_suffix

    def __repr__(self):
        return os.path.abspath(self.path)


def _display_as(mime):
    """display_html, display_markdown, ...: raw=True publishes the strings as that MIME type."""

    def show(*objs, raw=False, metadata=None):
        if raw:
            for obj in objs:
                publish_display_data({mime: obj}, metadata=metadata)
        else:
            display(*objs, include=["text/plain", mime], metadata=metadata)

    show.__name__ = "display_" + mime.split("/")[-1].split("+")[0]
    return show


display_html = _display_as("text/html")
display_markdown = _display_as("text/markdown")
display_latex = _display_as("text/latex")
display_json = _display_as("application/json")
display_javascript = _display_as("application/javascript")
display_svg = _display_as("image/svg+xml")
display_png = _display_as("image/png")
display_jpeg = _display_as("image/jpeg")
display_pdf = _display_as("application/pdf")
display_pretty = _display_as("text/plain")
