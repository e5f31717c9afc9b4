// Keeps only the last `limit` bytes written, for error messages about a worker's stdout/stderr.

export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit = 64 * 1024) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      const first = this.chunks.shift() as Buffer;
      this.size -= first.length;
    }
    if (this.size > this.limit) {
      const only = this.chunks[0] as Buffer;
      this.chunks = [only.subarray(only.length - this.limit)];
      this.size = this.limit;
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}
