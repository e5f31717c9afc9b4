// Where the registry's values live: files the controller owns. Workers write a value into a private
// staging folder (on tmpfs where there is one, so a value moves at memory speed) and hand the file
// over; the store moves it into place. With --registry-dir the values and a small JSON description
// of each sit in that folder instead, written atomically, for later runs to read.

import {
  accessSync,
  constants,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processAlive } from "../notebook/atomic-write.js";
import { NAME, type RegistryEntry } from "./entry.js";

const SHM = "/dev/shm";
const MEMORY_PREFIX = "oprel-registry-";
const STAGING_PREFIX = ".staging-";
const VALUE_SUFFIX = ".pickle";
const META_SUFFIX = ".json";

export class RegistryStore {
  private seq = 0;

  private constructor(
    /** Where workers write values before handing them over; private to this user (0700). */
    readonly staging: string,
    /** --registry-dir, or undefined: values last as long as this process. */
    private readonly dir: string | undefined,
  ) {}

  /** `room`: the size of the largest value, which the memory folder must have space for. */
  static open(dir: string | undefined, room: number): RegistryStore {
    const base = dir ?? memoryFolder(room);
    if (dir !== undefined) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const prefix = dir === undefined ? MEMORY_PREFIX : STAGING_PREFIX;
    sweepAbandoned(base, prefix);
    const staging = mkdtempSync(join(base, `${prefix}${process.pid}-`));
    return new RegistryStore(staging, dir);
  }

  /** The entries an earlier run left in --registry-dir; damaged or half-written ones are skipped. */
  load(): RegistryEntry[] {
    if (this.dir === undefined) return [];
    const entries: RegistryEntry[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(META_SUFFIX)) continue;
      const entry = readMeta(
        join(this.dir, name),
        this.valuePath(name.slice(0, -META_SUFFIX.length)),
      );
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** Takes over a staged file as the value of `entry`. */
  keep(staged: string, entry: Omit<RegistryEntry, "file">): RegistryEntry {
    this.seq += 1;
    const file =
      this.dir === undefined ? join(this.staging, `value-${this.seq}`) : this.valuePath(entry.name);
    renameSync(join(this.staging, staged), file);
    const kept = { ...entry, file };
    if (this.dir !== undefined) {
      // The description goes in after the value; a reader checks the two agree on the size.
      const { file: _file, ...meta } = kept;
      const temporary = join(this.staging, `meta-${this.seq}`);
      writeFileSync(temporary, JSON.stringify(meta), { mode: 0o600 });
      renameSync(temporary, join(this.dir, `${entry.name}${META_SUFFIX}`));
    }
    return kept;
  }

  /** The staged file's size, or undefined when `staged` is not a plain file in the staging folder. */
  stagedSize(staged: string): number | undefined {
    if (!/^[\w-][\w.-]*$/.test(staged)) return undefined;
    try {
      const stat = lstatSync(join(this.staging, staged));
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  }

  discardStaged(staged: string): void {
    if (this.stagedSize(staged) !== undefined) removeQuietly(join(this.staging, staged));
  }

  /** A value no entry uses any more (replaced by a newer share). */
  discard(file: string): void {
    removeQuietly(file);
  }

  close(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }

  private valuePath(name: string): string {
    return join(this.dir ?? this.staging, `${name}${VALUE_SUFFIX}`);
  }
}

/**
 * tmpfs when the machine has one with room for the largest value: a value then never touches a
 * disk. Containers often mount a /dev/shm of 64 MB; there the temp folder (page cache) serves.
 */
function memoryFolder(room: number): string {
  try {
    const space = statfsSync(SHM);
    if (statSync(SHM).isDirectory() && space.bavail * space.bsize >= room) {
      accessSync(SHM, constants.W_OK);
      return SHM;
    }
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

/** Staging folders of controllers that died without cleaning up (kill -9) hold memory on tmpfs. */
function sweepAbandoned(base: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const pid = Number(new RegExp(`^${prefix.replace(".", "\\.")}(\\d+)-`).exec(name)?.[1]);
    if (!pid || processAlive(pid)) continue;
    const path = join(base, name);
    try {
      if (uid !== undefined && lstatSync(path).uid !== uid) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // another process's folder, or gone already
    }
  }
}

function readMeta(path: string, file: string): RegistryEntry | undefined {
  try {
    const meta = JSON.parse(readFileSync(path, "utf8")) as Partial<RegistryEntry>;
    const { name, source, typeName, size, time, sizes } = meta;
    const valid =
      typeof name === "string" &&
      NAME.test(name) &&
      `${name}${META_SUFFIX}` === path.slice(path.lastIndexOf("/") + 1) &&
      typeof source === "string" &&
      typeof typeName === "string" &&
      typeof time === "number" &&
      Array.isArray(sizes) &&
      sizes.every((n) => Number.isSafeInteger(n) && n >= 0) &&
      size === sizes.reduce((a, b) => a + b, 0) &&
      statSync(file).size === size;
    return valid ? { name, source, typeName, size, time, sizes, file } : undefined;
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // gone already
  }
}
