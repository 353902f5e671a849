/**
 * Appends PostgreSQL binary COPY data to one growing buffer. The transcoder encodes a batch of
 * rows into it and hands the filled part downstream with `take()`; a rejected row is undone by
 * moving `pos` back to where the row began.
 */
export const COPY_BINARY_HEADER = Buffer.from([
  ...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
  0, 0, 0, 0, // flags: no OIDs
  0, 0, 0, 0, // header extension length
])
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff])

const TWO_32 = 4_294_967_296

export class CopyBinaryWriter {
  buf: Buffer
  pos = 0

  constructor(private readonly initialBytes = 1 << 18) {
    this.buf = Buffer.allocUnsafe(initialBytes)
  }

  ensure(extra: number): void {
    const need = this.pos + extra
    if (need <= this.buf.length) return
    const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2))
    this.buf.copy(grown, 0, 0, this.pos)
    this.buf = grown
  }

  int16(v: number): void {
    this.ensure(2)
    this.pos = this.buf.writeInt16BE(v, this.pos)
  }

  uint16(v: number): void {
    this.ensure(2)
    this.pos = this.buf.writeUInt16BE(v, this.pos)
  }

  int32(v: number): void {
    this.ensure(4)
    const buf = this.buf
    const p = this.pos
    buf[p] = v >>> 24
    buf[p + 1] = v >>> 16
    buf[p + 2] = v >>> 8
    buf[p + 3] = v
    this.pos = p + 4
  }

  /** A safe integer, or a bigint, as a signed 64-bit big-endian integer. */
  int64(v: number | bigint): void {
    this.ensure(8)
    if (typeof v === 'bigint') {
      this.pos = this.buf.writeBigInt64BE(v, this.pos)
      return
    }
    const hi = Math.floor(v / TWO_32)
    this.pos = this.buf.writeInt32BE(hi, this.pos)
    this.pos = this.buf.writeUInt32BE(v - hi * TWO_32, this.pos)
  }

  /** Two 32-bit halves already split by the caller (see timestamps): hi is signed, 0 ≤ lo < 2^32 after carrying. */
  int64Parts(hi: number, lo: number): void {
    const carry = Math.floor(lo / TWO_32)
    this.ensure(8)
    this.pos = this.buf.writeInt32BE(hi + carry, this.pos)
    this.pos = this.buf.writeUInt32BE(lo - carry * TWO_32, this.pos)
  }

  float32(v: number): void {
    this.ensure(4)
    this.pos = this.buf.writeFloatBE(v, this.pos)
  }

  float64(v: number): void {
    this.ensure(8)
    this.pos = this.buf.writeDoubleBE(v, this.pos)
  }

  /** A field of raw bytes with its length prefix. */
  field(bytes: Uint8Array): void {
    const n = bytes.length
    this.ensure(4 + n)
    const buf = this.buf
    let p = this.pos
    buf[p] = n >>> 24
    buf[p + 1] = n >>> 16
    buf[p + 2] = n >>> 8
    buf[p + 3] = n
    p += 4
    // Short fields are copied in JavaScript: cheaper than the native call.
    if (n <= 32) for (let i = 0; i < n; i++) buf[p + i] = bytes[i]!
    else buf.set(bytes, p)
    this.pos = p + n
  }

  /** A field holding the UTF-8 encoding of a (well-formed) string, with its length prefix. */
  utf8Field(s: string, prefix?: number): void {
    const extra = prefix === undefined ? 0 : 1
    this.ensure(4 + extra + s.length * 3)
    const start = this.pos + 4
    if (prefix !== undefined) this.buf[start] = prefix
    const n = this.buf.write(s, start + extra, 'utf8') + extra
    this.buf.writeInt32BE(n, this.pos)
    this.pos = start + n
  }

  /** The bytes written so far; the writer starts a new buffer, since the old one is now downstream's. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos)
    this.buf = Buffer.allocUnsafe(Math.max(this.initialBytes, Math.min(this.pos + (this.pos >> 2), 1 << 24)))
    this.pos = 0
    return out
  }
}
