import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { args, pgCall, str } from './build.js'
import { columnType, type RewriteContext } from './scope.js'

/**
 * Oracle Spatial values. PostgreSQL has no SDO_GEOMETRY (PostGIS is not assumed), so such a
 * column is created as text (resolve-types.ts) and a point constructor becomes its EWKT text,
 * `SRID=8307;POINT(x y)`, which PostGIS reads as is once the column becomes geometry
 * (`ALTER … TYPE geometry USING col::geometry`). A point without both coordinates is no
 * valid geometry: it keeps Oracle's own text of the value, with a warning. Other geometries
 * (element info and ordinate arrays) are action items.
 */
function isCall(e: Expr | undefined, name: string): e is Extract<Expr, { kind: 'call' }> {
  if (e?.kind !== 'call' || e.target) return false
  const n = e.name
  return n[n.length - 1] === name && (n.length === 1 || (n.length === 2 && n[0] === 'MDSYS'))
}

/** A numeric literal's text (`-103.5`), `null` for NULL, undefined for anything else. */
function literal(e: Expr | undefined): string | null | undefined {
  if (!e || e.kind === 'null') return null
  if (e.kind === 'number') return e.value
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number') return `-${e.operand.value}`
  return undefined
}

const sdoGeometry: ExprRule = (e, rc: RewriteContext) => {
  if (!isCall(e, 'SDO_GEOMETRY')) return undefined
  const [gtype, srid, point, elemInfo, ordinates] = args(e)
  const point2 = isCall(point, 'SDO_POINT_TYPE') ? args(point).map(literal) : undefined
  const simple = [gtype, srid, elemInfo, ordinates].map(literal)
  const isPoint = (simple[0] === '2001' || simple[0] === '3001') && simple[2] === null && simple[3] === null
  if (!isPoint || !point2 || point2.length !== 3 || point2.some((v) => v === undefined) || simple[1] === undefined) {
    throw new UnsupportedConstructError('SDO_GEOMETRY other than a point of literal coordinates: PostgreSQL has no spatial type without PostGIS', e.at, 'UNSUPPORTED_TYPE')
  }
  const [x, y, z] = point2
  const sridPrefix = simple[1] === null ? '' : `SRID=${simple[1]};`
  if (x !== null && y !== null) return str(`${sridPrefix}POINT${z !== null && simple[0] === '3001' ? ` Z(${x} ${y} ${z})` : `(${x} ${y})`}`)
  const text = `MDSYS.SDO_GEOMETRY(${simple[0]}, ${simple[1] ?? 'NULL'}, MDSYS.SDO_POINT_TYPE(${point2.map((v) => v ?? 'NULL').join(', ')}), NULL, NULL)`
  rc.g.findings.push({ code: 'SPATIAL_VALUE_AS_TEXT', severity: 'warning', object: rc.g.object, message: `${text} is not a valid point (a coordinate is NULL): kept as Oracle's text of the value`, at: e.at })
  return str(text)
}

/** Attribute paths of an SDO_GEOMETRY, with where the value sits in the EWKT text and in Oracle's own text of a value. */
const ATTRIBUTES: Readonly<Record<string, readonly [ewkt: string | undefined, oracle: string]>> = {
  SDO_GTYPE: [undefined, String.raw`SDO_GEOMETRY\((\d+)`],
  SDO_SRID: [String.raw`^SRID=(\d+);`, String.raw`SDO_GEOMETRY\(\d+, (\w+)`],
  'SDO_POINT.X': [String.raw`POINT(?: Z)?\(([^ )]+)`, String.raw`SDO_POINT_TYPE\(([^,]+)`],
  'SDO_POINT.Y': [String.raw`POINT(?: Z)?\([^ )]+ ([^ )]+)`, String.raw`SDO_POINT_TYPE\([^,]+, ([^,]+)`],
  'SDO_POINT.Z': [String.raw`POINT Z\([^ )]+ [^ )]+ ([^ )]+)`, String.raw`SDO_POINT_TYPE\([^,]+, [^,]+, ([^)]+)`],
}

/**
 * `c.geo.sdo_point.x` on such a text column (OE's customers_view) reads the number back out of
 * the text; a point's gtype is told by its EWKT (2001, or 3001 with Z).
 */
const sdoAttribute: ExprRule = (e, rc) => {
  if (e.kind !== 'column' || e.path.length < 2) return undefined
  for (let k = e.path.length - 1; k >= 1; k--) {
    const attribute = ATTRIBUTES[e.path.slice(k).join('.')]
    if (!attribute) continue
    const type = columnType(e.path.slice(0, k), rc)
    if (type?.name !== 'SDO_GEOMETRY') return undefined
    const col: Expr = { ...e, path: e.path.slice(0, k) }
    const [ewkt, oracle] = attribute
    const fromOracleText = pgCall('nullif', pgCall('substring', col, str(oracle)), str('NULL'))
    const fromEwkt: Expr = ewkt
      ? pgCall('substring', col, str(ewkt))
      : { kind: 'case', whens: [{ when: { kind: 'like', negated: false, expr: col, pattern: str('%POINT Z(%') }, then: str('3001') }, { when: { kind: 'like', negated: false, expr: col, pattern: str('%POINT(%') }, then: str('2001') }] }
    return { kind: 'pg-cast', expr: pgCall('coalesce', fromEwkt, fromOracleText), type: 'numeric' }
  }
  return undefined
}

export const spatialRules: readonly ExprRule[] = [sdoGeometry, sdoAttribute]
