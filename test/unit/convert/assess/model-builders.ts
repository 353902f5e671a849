import type { Finding } from '../../../../src/model/finding.js'
import type { LogicalType } from '../../../../src/model/logical-type.js'
import { emptySchema, type CodeObjectDef, type ColumnDef, type IndexDef, type SchemaModel, type TableDef, type TypeDef, type ViewDef } from '../../../../src/model/schema.js'

/** Small builders for hand-made schema models: only the fields a test cares about are given. */

export function column(name: string, nativeText: string, type: LogicalType = { kind: 'text', fixed: false }, extra: Partial<ColumnDef> = {}): ColumnDef {
  return { name, nativeType: { name: nativeText.replace(/\(.*$/, ''), text: nativeText }, type, nullable: true, ...extra }
}

export function table(name: string, extra: Partial<TableDef> = {}): TableDef {
  return { schema: 'HR', name, columns: [column('ID', 'NUMBER', { kind: 'decimal' })], uniques: [], checks: [], foreignKeys: [], ...extra }
}

export function view(name: string, query: string, extra: Partial<ViewDef> = {}): ViewDef {
  return { schema: 'HR', name, query: { text: query, at: { file: 'views.sql', line: 10, column: 5 } }, ...extra }
}

export function code(kind: CodeObjectDef['kind'], name: string, source: string, schema = 'HR'): CodeObjectDef {
  return { schema, name, kind, source: { text: source, at: { file: 'code.sql', line: 1, column: 1 } } }
}

export function index(name: string, extra: Partial<IndexDef> = {}): IndexDef {
  return { schema: 'HR', name, table: { schema: 'HR', name: 'EMPLOYEES' }, unique: false, kind: 'btree', keys: [{ column: 'ID' }], ...extra }
}

export function type(name: string, kind: TypeDef['kind'], source: string, extra: Partial<TypeDef> = {}): TypeDef {
  return { schema: 'HR', name, kind, source: { text: source }, ...extra }
}

export function model(parts: Partial<SchemaModel>): SchemaModel {
  return { ...emptySchema('oracle'), ...parts }
}

export function actionItem(object: string, code = 'UNSUPPORTED_CONSTRUCT', message = 'could not convert'): Finding {
  return { code, severity: 'action', object, message }
}
