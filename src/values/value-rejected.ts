/**
 * A value the target column cannot hold (NUL in text, invalid UTF-8, out-of-range date, too long,
 * numeric overflow…). Codecs throw it; the transcoding path catches it, leaves the row out and
 * records it in the table's rejects file. It is a per-row verdict, not a failure of the run.
 */
export class ValueRejected extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ValueRejected'
  }
}

export function reject(reason: string): never {
  throw new ValueRejected(reason)
}

/**
 * A source decoder that hands a value it cannot parse on as it came: the target codec then
 * rejects that row, with its key, into the rejects file, instead of one bad value failing the
 * whole chunk. Errors other than ValueRejected still propagate.
 */
export function passUnparsed<V>(parse: (v: V) => unknown): (v: V) => unknown {
  return (v) => {
    try {
      return parse(v)
    } catch (e) {
      if (e instanceof ValueRejected) return v
      throw e
    }
  }
}
