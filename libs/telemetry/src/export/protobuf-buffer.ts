// A growable protobuf output buffer for the span encoder. Written here rather than using a protobuf
// library because of what it adds: strings and hex ids go through Buffer's native writers in one call,
// lengths are written once (no sizing pass), and often-repeated strings (attribute keys) are encoded once
// and copied after that.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

const TWO_TO_32 = 0x1_0000_0000;
/** Strings up to this many UTF-16 units encode to at most 126 bytes: their length is one byte. */
const ONE_BYTE_LENGTH_UNITS = 42;

function varintSize(value: number): number {
  let size = 1;
  for (let v = value >>> 7; v > 0; v >>>= 7) size += 1;
  return size;
}

/** A protobuf message being written: fields are appended, nested messages are opened and closed. */
export class ProtobufBuffer {
  private buf: Buffer;
  pos = 0;

  constructor(initialBytes: number) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Makes room for `bytes` more bytes. */
  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  tag(field: number, wireType: number): void {
    this.uint32((field << 3) | wireType);
  }

  /** An unsigned varint of a value below 2^32. */
  uint32(value: number): void {
    this.room(5);
    let v = value >>> 0;
    while (v > 0x7f) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }

  /** A varint of a 64-bit integer (int64: negative values take ten bytes, two's complement). */
  int64(value: number): void {
    if (value >= 0 && value < TWO_TO_32) return this.uint32(value);
    this.room(10);
    let low: number;
    let high: number;
    if (value >= 0) {
      low = value >>> 0;
      high = Math.floor(value / TWO_TO_32) >>> 0;
    } else {
      const magnitude = -value;
      low = ~(magnitude >>> 0) >>> 0;
      high = ~(Math.floor(magnitude / TWO_TO_32) >>> 0) >>> 0;
      low = (low + 1) >>> 0;
      if (low === 0) high = (high + 1) >>> 0;
    }
    while (high > 0 || low > 0x7f) {
      this.buf[this.pos++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    this.buf[this.pos++] = low;
  }

  fixed32(value: number): void {
    this.room(4);
    this.pos = this.buf.writeUInt32LE(value >>> 0, this.pos);
  }

  fixed64(low: number, high: number): void {
    this.room(8);
    this.pos = this.buf.writeUInt32LE(low >>> 0, this.pos);
    this.pos = this.buf.writeUInt32LE(high >>> 0, this.pos);
  }

  double(value: number): void {
    this.room(8);
    this.pos = this.buf.writeDoubleLE(value, this.pos);
  }

  /** A length-prefixed UTF-8 string. */
  string(value: string): void {
    if (value.length <= ONE_BYTE_LENGTH_UNITS) {
      this.room(1 + value.length * 3);
      const lengthAt = this.pos;
      if (this.ascii(value, lengthAt + 1)) return;
      const written = this.buf.write(value, lengthAt + 1, 'utf8');
      this.buf[lengthAt] = written;
      this.pos = lengthAt + 1 + written;
      return;
    }
    const bytes = Buffer.byteLength(value, 'utf8');
    this.uint32(bytes);
    this.room(bytes);
    this.pos += this.buf.write(value, this.pos, bytes, 'utf8');
  }

  /**
   * Copies a short all-ASCII string to `at` with its one-byte length before it; false (nothing written)
   * when it holds another character. Cheaper than a native call for the short strings spans are made of.
   */
  private ascii(value: string, at: number): boolean {
    const buf = this.buf;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code > 0x7f) return false;
      buf[at + i] = code;
    }
    buf[at - 1] = value.length;
    this.pos = at + value.length;
    return true;
  }

  /** Length-prefixed bytes given as a hex string (trace and span ids; a non-hex digit makes a zero byte). */
  hexBytes(hex: string): void {
    const bytes = hex.length >>> 1;
    this.uint32(bytes);
    this.room(bytes);
    const written = this.buf.write(hex, this.pos, bytes, 'hex');
    if (written < bytes) this.buf.fill(0, this.pos + written, this.pos + bytes);
    this.pos += bytes;
  }

  bytes(value: Uint8Array): void {
    this.uint32(value.length);
    this.room(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** Appends bytes that are already encoded (a cached field). */
  raw(encoded: Uint8Array): void {
    this.room(encoded.length);
    const buf = this.buf;
    let at = this.pos;
    for (let i = 0; i < encoded.length; i++) buf[at++] = encoded[i];
    this.pos = at;
  }

  /** Opens a nested message; returns where it starts, for {@link close}. One length byte is reserved. */
  open(): number {
    this.room(1);
    return this.pos++;
  }

  /** Closes the nested message opened at `start`, writing its length (moving it when it needs more bytes). */
  close(start: number): void {
    const length = this.pos - start - 1;
    if (length < 0x80) {
      this.buf[start] = length;
      return;
    }
    const extra = varintSize(length) - 1;
    this.room(extra);
    this.buf.copyWithin(start + 1 + extra, start + 1, this.pos);
    this.pos += extra;
    let v = length;
    let at = start;
    while (v > 0x7f) {
      this.buf[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[at] = v;
  }

  /** A copy of the bytes written from `start` on. */
  copyFrom(start: number): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, start, this.pos);
  }

  /** The bytes written so far (a view of this buffer: write nothing more after taking it). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
