/**
 * The values a source engine decodes rows into and the target codecs encode: one JavaScript
 * representation per logical kind (src/model/logical-type.ts), chosen to be exact and cheap.
 *
 * | logical kind | value |
 * |---|---|
 * | int | `number` (safe integers) or `bigint` beyond ±2^53 |
 * | decimal | `string`: decimal text (`-12.50`, `0.0001`, `NaN`, `Infinity`, `-Infinity`); exact, never a float |
 * | float | `number` (NaN, ±Infinity and -0 included) |
 * | text, clob, json, xml, rowid | `string`, or `Uint8Array` holding the source's bytes, which claim to be UTF-8 and are checked when encoded |
 * | binary | `Uint8Array` |
 * | boolean | `boolean` |
 * | date | `number`: days since 1970-01-01 (±Infinity for PostgreSQL's infinite dates) |
 * | timestamp | {@link Timestamp}; with a time zone it is the UTC instant |
 * | interval | {@link Interval} |
 *
 * SQL NULL is `null`. Any kind also accepts its text form (a `string` or UTF-8 bytes, as
 * PostgreSQL prints it), which the codec parses: that is how a source column typed differently
 * from its target column (text loaded into date, bytea into text) is converted and checked.
 */
export type GodwitValue = null | boolean | number | bigint | string | Uint8Array | Timestamp | Interval

export const MICROS_PER_DAY = 86_400_000_000

/** A date and time of day to the microsecond, without a zone; days may be ±Infinity (PostgreSQL's infinite timestamps). */
export class Timestamp {
  constructor(
    /** Days since 1970-01-01 (negative before). */
    readonly days: number,
    /** Microseconds since midnight, 0 ≤ micros < 86 400 000 000. */
    readonly micros: number,
  ) {}

  static readonly INFINITY = new Timestamp(Infinity, 0)
  static readonly MINUS_INFINITY = new Timestamp(-Infinity, 0)
}

/** PostgreSQL's interval parts, which never convert into each other (a month is not 30 days, a day not 24 hours across DST). */
export class Interval {
  constructor(
    readonly months: number,
    readonly days: number,
    /** May exceed 2^53 only as a bigint (more than 285 years of hours). */
    readonly micros: number | bigint,
  ) {}
}
