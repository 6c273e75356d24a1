/**
 * CBOR as Pagefind's data files hold it, read in place and written into a growing buffer. Only
 * what Pagefind writes is supported: unsigned and negative integers, text and byte strings, and
 * arrays of definite length.
 * https://www.rfc-editor.org/rfc/rfc8949
 */

const ARRAY = 4;
const TEXT = 3;

/** Reads CBOR items in place; `offset` is where the next item starts. */
export class CborReader {
  offset = 0;
  constructor(readonly bytes: Buffer) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** The last head read: its major type and argument. Fields, not a result, to spare the garbage collector. */
  private major = 0;
  private value = 0;

  /** Reads an item's head, leaving `offset` after it. */
  private head(): void {
    const bytes = this.bytes;
    const first = bytes[this.offset] as number;
    this.major = first >> 5;
    const info = first & 31;
    this.offset += 1;
    if (info < 24) {
      this.value = info;
    } else if (info === 24) {
      this.value = bytes[this.offset] as number;
      this.offset += 1;
    } else if (info === 25) {
      this.value = bytes.readUInt16BE(this.offset);
      this.offset += 2;
    } else if (info === 26) {
      this.value = bytes.readUInt32BE(this.offset);
      this.offset += 4;
    } else if (info === 27) {
      this.value = Number(bytes.readBigUInt64BE(this.offset));
      this.offset += 8;
    } else {
      throw new Error(`unsupported CBOR item (initial byte ${first}) at ${this.offset - 1}`);
    }
  }

  /** The length of the array that starts here. */
  array(): number {
    this.head();
    if (this.major !== ARRAY) throw new Error(`expected a CBOR array at ${this.offset}`);
    return this.value;
  }

  /** An integer, positive or negative. */
  int(): number {
    this.head();
    if (this.major === 0) return this.value;
    if (this.major === 1) return -1 - this.value;
    throw new Error(`expected a CBOR integer at ${this.offset}`);
  }

  text(): string {
    this.head();
    if (this.major !== TEXT) throw new Error(`expected CBOR text at ${this.offset}`);
    const start = this.offset;
    this.offset += this.value;
    return this.bytes.toString('utf8', start, this.offset);
  }

  /** Skips a text item and returns where its bytes start; they end at `offset`. */
  skipText(): number {
    this.head();
    if (this.major !== TEXT) throw new Error(`expected CBOR text at ${this.offset}`);
    const start = this.offset;
    this.offset += this.value;
    return start;
  }

  /** Skips one item, nested arrays included. */
  skip(): void {
    this.head();
    const { major, value } = this;
    if (major === 2 || major === TEXT) this.offset += value;
    else if (major === ARRAY) for (let i = 0; i < value; i += 1) this.skip();
    else if (major !== 0 && major !== 1) throw new Error(`unsupported CBOR item (major type ${major}) at ${this.offset}`);
  }

  /** Skips an array of integers and returns how many it held, without reading them. */
  intArrayLength(): number {
    const length = this.array();
    for (let i = 0; i < length; i += 1) {
      const info = (this.bytes[this.offset] as number) & 31;
      this.offset += info < 24 ? 1 : info === 24 ? 2 : info === 25 ? 3 : info === 26 ? 5 : 9;
    }
    return length;
  }
}

/** Writes CBOR items into a growing buffer, as minicbor writes them. */
export class CborWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** Empties the writer, keeping its buffer. */
  reset(): void {
    this.length = 0;
  }

  array(length: number): this {
    return this.head(ARRAY, length);
  }

  int(value: number): this {
    return value >= 0 ? this.head(0, value) : this.head(1, -1 - value);
  }

  /** Integers `values[start..end)`, one after the other. */
  ints(values: ArrayLike<number>, start: number, end: number): this {
    this.reserve(9 * (end - start));
    const buffer = this.buffer;
    let at = this.length;
    for (let i = start; i < end; i += 1) {
      let value = values[i] as number;
      let type = 0;
      if (value < 0) {
        type = 1 << 5;
        value = -1 - value;
      }
      if (value < 24) {
        buffer[at++] = type | value;
      } else if (value < 0x100) {
        buffer[at++] = type | 24;
        buffer[at++] = value;
      } else if (value < 0x10000) {
        buffer[at++] = type | 25;
        buffer[at++] = value >>> 8;
        buffer[at++] = value & 0xff;
      } else {
        // Locations and page numbers stay below 2³²: Pagefind holds them as 32-bit integers.
        buffer[at++] = type | 26;
        buffer[at++] = value >>> 24;
        buffer[at++] = (value >>> 16) & 0xff;
        buffer[at++] = (value >>> 8) & 0xff;
        buffer[at++] = value & 0xff;
      }
    }
    this.length = at;
    return this;
  }

  text(value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    this.head(TEXT, bytes.length);
    return this.raw(bytes);
  }

  /** Bytes that already are one or more encoded items. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** Bytes `start` to `end` of `source`, which already are one or more encoded items. */
  range(source: Buffer, start: number, end: number): this {
    this.reserve(end - start);
    if (end - start < 64) {
      // A call into the runtime costs more than copying a few bytes here.
      const buffer = this.buffer;
      let at = this.length;
      for (let i = start; i < end; i += 1) buffer[at++] = source[i] as number;
    } else {
      source.copy(this.buffer, this.length, start, end);
    }
    this.length += end - start;
    return this;
  }

  /** The bytes written, in the writer's buffer: a view valid until the next write or reset. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private head(major: number, value: number): this {
    this.reserve(9);
    const type = major << 5;
    const at = this.length;
    if (value < 24) {
      this.buffer[at] = type | value;
      this.length += 1;
    } else if (value < 0x100) {
      this.buffer[at] = type | 24;
      this.buffer[at + 1] = value;
      this.length += 2;
    } else if (value < 0x10000) {
      this.buffer[at] = type | 25;
      this.buffer.writeUInt16BE(value, at + 1);
      this.length += 3;
    } else if (value < 0x100000000) {
      this.buffer[at] = type | 26;
      this.buffer.writeUInt32BE(value, at + 1);
      this.length += 5;
    } else {
      this.buffer[at] = type | 27;
      this.buffer.writeBigUInt64BE(BigInt(value), at + 1);
      this.length += 9;
    }
    return this;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
