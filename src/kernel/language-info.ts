// The notebook's metadata.language_info as Jupyter records it after a run: the kernel's own
// (ipykernel's kernel_info reply), with the version of the Python that ran, not the source's.

/** A JSON object: codemirror_mode, file_extension, mimetype, name, nbconvert_exporter, pygments_lexer, version. */
export type LanguageInfo = Record<string, string | Record<string, string | number>>;

export function pythonLanguageInfo(version: string): LanguageInfo {
  return {
    codemirror_mode: { name: "ipython", version: 3 },
    file_extension: ".py",
    mimetype: "text/x-python",
    name: "python",
    nbconvert_exporter: "python",
    pygments_lexer: "ipython3",
    version,
  };
}
