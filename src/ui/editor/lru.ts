// A bounded map that forgets the least recently used entry first (Map keeps insertion order).

export class Lru<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, value);
  }

  /** The cached value, or `make()` cached and returned. */
  getOrMake(key: K, make: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make();
      this.set(key, value);
    }
    return value;
  }
}

/** One LRU per kind (language, width...), so lookups key on the bare string and build no key. */
export class LruFamily<V> {
  private readonly members = new Map<string | number, Lru<string, V>>();

  constructor(private readonly capacity: number) {}

  of(kind: string | number): Lru<string, V> {
    let member = this.members.get(kind);
    if (!member) {
      member = new Lru(this.capacity);
      this.members.set(kind, member);
    }
    return member;
  }
}
