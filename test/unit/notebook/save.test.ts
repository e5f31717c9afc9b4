import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashBytes } from "../../../src/notebook/disk.js";
import { insertCell, setSource } from "../../../src/notebook/index.js";
import { loadNotebook } from "../../../src/notebook/read.js";
import { saveNotebook, TEMP_PREFIX } from "../../../src/notebook/save.js";
import { serializeNotebook } from "../../../src/notebook/serialize.js";
import type { Notebook } from "../../../src/notebook/types.js";
import { asUnprivilegedUser, makeTempDir, readCorpus } from "./helpers.js";

const folder = makeTempDir();
afterAll(folder.remove);

function copyOfCorpus(name: string, as: string): string {
  const path = join(folder.path, as);
  writeFileSync(path, readCorpus(name));
  return path;
}

const tempFilesIn = (dir: string) =>
  readdirSync(dir).filter((name) => name.startsWith(TEMP_PREFIX));

function bigNotebook(notebook: Notebook, bytes: number): Notebook {
  return setSource(notebook, notebook.cells[0]?.id ?? "", "x".repeat(bytes));
}

describe("saveNotebook", () => {
  it("writes exactly the serialized notebook and returns what is now on disk", async () => {
    const path = copyOfCorpus("nbformat/test4.5.ipynb", "plain.ipynb");
    const loaded = await loadNotebook(path);
    const edited = setSource(loaded.notebook, loaded.notebook.cells[0]?.id ?? "", "# Changed\n");
    const disk = await saveNotebook(path, edited, { expectedDisk: loaded.disk });
    const text = readFileSync(path, "utf8");
    expect(text).toBe(serializeNotebook(edited));
    expect(disk).toEqual({
      mtimeMs: statSync(path).mtimeMs,
      size: Buffer.byteLength(text),
      hash: hashBytes(text),
    });
    expect(tempFilesIn(folder.path)).toEqual([]);
    // The returned disk info is what the next save compares against.
    await saveNotebook(path, edited, { expectedDisk: disk });
  });

  it("keeps the file's mode; a new file gets 0666 minus the umask", async () => {
    const path = copyOfCorpus("nbformat/test4.5.ipynb", "mode.ipynb");
    chmodSync(path, 0o640);
    const { notebook } = await loadNotebook(path);
    await saveNotebook(path, notebook);
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    const fresh = join(folder.path, "fresh.ipynb");
    await saveNotebook(fresh, notebook);
    expect(statSync(fresh).mode & 0o7777).toBe(0o666 & ~process.umask());
  });

  it("can write the original nbformat minor version of an upgraded notebook", async () => {
    const path = copyOfCorpus("papermill/simple_execute.ipynb", "old.ipynb");
    const loaded = await loadNotebook(path);
    await saveNotebook(path, loaded.notebook, { nbformatMinor: 4, expectedDisk: loaded.disk });
    expect(readFileSync(path, "utf8")).toBe(readCorpus("papermill/simple_execute.ipynb"));
  });

  it("refuses to overwrite a file another program changed, unless forced", async () => {
    const path = copyOfCorpus("nbformat/test4.5.ipynb", "changed.ipynb");
    const loaded = await loadNotebook(path);
    const theirs = readCorpus("nbformat/test4.5.ipynb").replace(
      "nbconvert latex test",
      "NBCONVERT LATEX TEST",
    );
    expect(theirs.length).toBe(readCorpus("nbformat/test4.5.ipynb").length);
    writeFileSync(path, theirs);
    utimesSync(path, loaded.disk.mtimeMs / 1000, loaded.disk.mtimeMs / 1000); // even with the old mtime
    await expect(
      saveNotebook(path, loaded.notebook, { expectedDisk: loaded.disk }),
    ).rejects.toMatchObject({
      code: "NOTEBOOK_CHANGED_ON_DISK",
      message: `${path} was changed by another program since oprel read it`,
    });
    expect(readFileSync(path, "utf8")).toBe(theirs);
    await saveNotebook(path, loaded.notebook, { expectedDisk: loaded.disk, force: true });
    expect(readFileSync(path, "utf8")).toBe(serializeNotebook(loaded.notebook));
  });

  it("does not mind a file that was only touched, and notices one that was deleted", async () => {
    const path = copyOfCorpus("nbformat/test4.5.ipynb", "touched.ipynb");
    const loaded = await loadNotebook(path);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    await saveNotebook(path, loaded.notebook, { expectedDisk: loaded.disk });
    rmSync(path);
    await expect(
      saveNotebook(path, loaded.notebook, { expectedDisk: loaded.disk }),
    ).rejects.toMatchObject({
      code: "NOTEBOOK_CHANGED_ON_DISK",
      message: `${path} was deleted or moved since oprel read it`,
    });
    expect(existsSync(path)).toBe(false);
  });

  it("never writes an invalid notebook", async () => {
    const path = copyOfCorpus("nbformat/test4.5.ipynb", "invalid.ipynb");
    const { notebook } = await loadNotebook(path);
    const broken = {
      ...notebook,
      cells: [...notebook.cells, { id: "x", cell_type: "code", source: "" }],
    } as Notebook;
    await expect(saveNotebook(path, broken)).rejects.toMatchObject({
      code: "NOTEBOOK_INVALID",
      message: `Refusing to save ${path}: the notebook would not be valid: cell ${notebook.cells.length + 1} (id x): 'metadata' is missing`,
    });
    expect(readFileSync(path, "utf8")).toBe(readCorpus("nbformat/test4.5.ipynb"));
    expect(tempFilesIn(folder.path)).toEqual([]);
  });

  it("replaces the target of a symbolic link, keeping the link", async () => {
    const target = copyOfCorpus("nbformat/test4.5.ipynb", "target.ipynb");
    const link = join(folder.path, "link.ipynb");
    symlinkSync(target, link);
    const loaded = await loadNotebook(link);
    const edited = insertCell(loaded.notebook, 0, { source: "1 + 1" });
    await saveNotebook(link, edited, { expectedDisk: loaded.disk });
    expect(readFileSync(target, "utf8")).toBe(serializeNotebook(edited));
    expect(readdirSync(folder.path)).toContain("link.ipynb");
    expect(statSync(link).isFile()).toBe(true);
    expect(execFileSync("readlink", [link]).toString().trim()).toBe(target);
  });

  it("says plainly when the folder may not be written, leaving nothing behind", () => {
    const locked = join(folder.path, "locked");
    mkdirSync(locked);
    writeFileSync(join(locked, "nb.ipynb"), readCorpus("nbformat/test4.5.ipynb"));
    chmodSync(locked, 0o755);
    chmodSync(folder.path, 0o755);
    if (process.getuid?.() !== 0) chmodSync(locked, 0o555);
    let result: Record<string, unknown>;
    try {
      result = asUnprivilegedUser("save", join(locked, "nb.ipynb"));
    } finally {
      chmodSync(locked, 0o755); // so the folder can be cleaned up
    }
    expect(result).toMatchObject({
      code: "SAVE_FAILED",
      message: `Could not save ${join(locked, "nb.ipynb")}: permission denied`,
    });
    expect(readFileSync(join(locked, "nb.ipynb"), "utf8")).toBe(
      readCorpus("nbformat/test4.5.ipynb"),
    );
    expect(tempFilesIn(locked)).toEqual([]);
  });
});

/** A real, tiny file system: mounting needs root (or CAP_SYS_ADMIN); without it these are skipped. */
function tryMount(path: string, options: string): boolean {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", path], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("saving onto a full or read-only disk", () => {
  const full = join(folder.path, "full");
  const readOnly = join(folder.path, "readonly");
  let mounted = false;

  beforeAll(() => {
    mounted = tryMount(full, "size=64k") && tryMount(readOnly, "size=1m");
    if (!mounted)
      console.warn("tmpfs cannot be mounted here (not root?): ENOSPC and EROFS tests skipped");
  });
  afterAll(() => {
    for (const path of [full, readOnly]) {
      try {
        execFileSync("umount", [path], { stdio: "ignore" });
      } catch {
        // not mounted
      }
    }
  });

  it("reports a full disk with a hint, and the original file is untouched", async (context) => {
    if (!mounted) context.skip();
    const path = join(full, "nb.ipynb");
    writeFileSync(path, readCorpus("nbformat/test4.5.ipynb"));
    const loaded = await loadNotebook(path);
    const huge = bigNotebook(loaded.notebook, 200_000);
    await expect(saveNotebook(path, huge, { expectedDisk: loaded.disk })).rejects.toMatchObject({
      code: "SAVE_FAILED",
      message: `Could not save ${path}: the disk is full`,
      hint: "The disk is full; free some space and save again.",
    });
    expect(readFileSync(path, "utf8")).toBe(readCorpus("nbformat/test4.5.ipynb"));
    expect(tempFilesIn(full)).toEqual([]);
    // Once there is room (a smaller notebook), saving works again.
    await saveNotebook(path, bigNotebook(loaded.notebook, 100), { expectedDisk: loaded.disk });
  });

  it("reports a read-only file system", async (context) => {
    if (!mounted) context.skip();
    const path = join(readOnly, "nb.ipynb");
    writeFileSync(path, readCorpus("nbformat/test4.5.ipynb"));
    execFileSync("mount", ["-o", "remount,ro", readOnly]);
    const loaded = await loadNotebook(path);
    await expect(saveNotebook(path, loaded.notebook)).rejects.toMatchObject({
      code: "SAVE_FAILED",
      message: `Could not save ${path}: the file system is read-only`,
    });
    expect(readFileSync(path, "utf8")).toBe(readCorpus("nbformat/test4.5.ipynb"));
  });
});
