// What the registry holds for one shared variable. The value itself stays pickled bytes in a file
// the controller owns: it is never unpickled here, only in the worker that fetches it.

export interface RegistryEntry {
  /** The variable's name (a Python identifier). */
  name: string;
  /** The notebook that shared it (a path). */
  source: string;
  /** The value's type name in the producer, e.g. "DataFrame". */
  typeName: string;
  /** Bytes of the pickled value: the main payload plus every out-of-band buffer. */
  size: number;
  /** When it was shared, in milliseconds since the epoch. */
  time: number;
  /** The file holding the main payload, then each buffer, back to back. */
  file: string;
  /** Byte lengths in the file: the main payload first, then each buffer. */
  sizes: number[];
}

/** Python identifiers, ASCII or not; a name also becomes a file name with --registry-dir. */
export const NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
