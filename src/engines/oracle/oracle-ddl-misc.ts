import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { GrantDef, QualifiedName, SynonymDef } from '../../model/schema.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { skipItem, skipRest, stringLiteral } from '../ddl-reader/ddl-syntax.js'
import { editColumn } from './oracle-ddl-table-edit.js'
import { readSharing } from './oracle-ddl-sharing.js'

/** CREATE [PUBLIC] SYNONYM name FOR [schema.]object[@dblink] (after `CREATE [OR REPLACE] [EDITIONABLE]`). */
export function readCreateSynonym(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  const isPublic = c.acceptWord('PUBLIC')
  c.expectWord('SYNONYM')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  // A public synonym belongs to no schema, so the default schema does not apply to it.
  const name = isPublic ? { name: c.identifier('synonym name') } : readQualifiedName(ctx, 'synonym name')
  readSharing(ctx, objectLabel(isPublic ? 'PUBLIC SYNONYM' : 'SYNONYM', name))
  c.expectWord('FOR')
  const target = readQualifiedName(ctx, 'synonym target')
  let dbLink: string | undefined
  if (c.acceptOp('@')) {
    const parts = [c.identifier('database link')]
    while (c.acceptOp('.')) parts.push(c.identifier('database link'))
    dbLink = parts.join('.')
  }
  expectStatementEnd(c)
  const synonym: SynonymDef = { ...name, public: isPublic, target, ...(dbLink !== undefined && { dbLink }), at }
  ctx.catalog.synonyms.upsert(synonym)
}

/**
 * Kinds an ON clause may name before the object: Oracle's own (ON DIRECTORY d, ON JAVA SOURCE j …)
 * and, leniently, the PostgreSQL/standard ones scripts written for other databases carry (ON
 * TABLE t, ON PROCEDURE p): Oracle has no object called TABLE, so reading them loses nothing.
 */
const ON_KINDS: ReadonlyArray<readonly string[]> = [
  ['SQL', 'TRANSLATION', 'PROFILE'],
  ['MINING', 'MODEL'],
  ['JAVA', 'SOURCE'],
  ['JAVA', 'RESOURCE'],
  ['MATERIALIZED', 'VIEW'],
  ...['DIRECTORY', 'EDITION', 'USER', 'TABLE', 'VIEW', 'SEQUENCE', 'PROCEDURE', 'FUNCTION', 'ROUTINE', 'PACKAGE', 'TYPE'].map((w) => [w]),
]

/**
 * GRANT privileges [ON [kind] object] TO grantees [WITH GRANT|ADMIN OPTION], and REVOKE
 * privileges [ON [kind] object] FROM grantees [CASCADE CONSTRAINTS] [FORCE]. Privileges are kept
 * as written, upper-cased (`SELECT`, `UPDATE (SALARY)`); system privileges and roles have no
 * object. Grants and revokes stay in script order: the output replays them.
 */
export function readGrant(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  const revoke = c.acceptWord('REVOKE')
  if (!revoke) c.expectWord('GRANT')
  const toWord = revoke ? 'FROM' : 'TO'
  const privileges: string[] = []
  do privileges.push(privilegeText(c, toWord))
  while (c.acceptOp(','))
  let on: QualifiedName | undefined
  let onKind: string | undefined
  if (c.acceptWord('ON')) {
    const kind = ON_KINDS.find((words) => c.isWords(...words) && isObjectName(c, words.length))
    if (kind) {
      c.pos += kind.length
      onKind = kind.join(' ')
    }
    on = readQualifiedName(ctx, 'granted object')
  }
  c.expectWord(toWord)
  const to: string[] = []
  do to.push(c.identifier('grantee'))
  while (c.acceptOp(','))
  let withGrantOption: boolean | undefined
  while (!c.atEnd() && !c.isOp(';')) {
    if (c.acceptWords('WITH', 'GRANT', 'OPTION') || c.acceptWords('WITH', 'ADMIN', 'OPTION')) withGrantOption = true
    else if (revoke && c.acceptWords('CASCADE', 'CONSTRAINTS')) {
      addFinding(ctx, 'REVOKE_CASCADE_CONSTRAINTS', 'warning', `REVOKE ${privileges.join(', ')}`, 'CASCADE CONSTRAINTS: Oracle drops the foreign keys that rely on the revoked REFERENCES privilege; PostgreSQL checks REFERENCES only when a key is created and keeps them: drop those keys by hand if they must go')
    } else skipItem(c)
  }
  expectStatementEnd(c)
  const grant: GrantDef = { privileges, ...(on && { on }), ...(onKind && { onKind }), to, ...(withGrantOption && { withGrantOption }), ...(revoke && { revoke }), at }
  ctx.catalog.grants.push(grant)
}

/** Whether the token `ahead` places on is an object's name (not TO/FROM), so the words before it name its kind. */
function isObjectName(c: TokenCursor, ahead: number): boolean {
  return c.isIdentifier(ahead) && !c.isWord('TO', ahead) && !c.isWord('FROM', ahead)
}

function privilegeText(c: TokenCursor, toWord: string): string {
  const words: string[] = []
  // ON COMMIT REFRESH is a system privilege, not the start of the object clause.
  while (!c.atEnd() && !c.isOp(',') && !(c.isWord('ON') && !c.isWords('ON', 'COMMIT', 'REFRESH')) && !c.isWord(toWord)) {
    const from = c.pos
    skipItem(c)
    words.push(c.tokens[from]!.kind === 'word' ? c.tokens[from]!.value : c.textBetween(from))
  }
  if (words.length === 0) c.fail('expected a privilege')
  return words.join(' ')
}

/**
 * COMMENT ON TABLE|COLUMN|MATERIALIZED VIEW … IS '…', merged into the table, view or column.
 * An empty comment removes it (Oracle's '' is NULL). Comments on other object kinds are info.
 */
export function readComment(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('COMMENT')
  c.expectWord('ON')
  if (c.acceptWord('COLUMN')) {
    const parts = [c.identifier('column name')]
    while (c.acceptOp('.')) parts.push(c.identifier('column name'))
    if (parts.length < 2 || parts.length > 3) c.fail('expected table.column or schema.table.column')
    const column = parts.pop()!
    const relation = parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : ctx.defaultSchema === undefined ? { name: parts[0]! } : { schema: ctx.defaultSchema, name: parts[0]! }
    const text = readCommentText(c)
    commentColumn(ctx, relation, column, text)
    return
  }
  const isTable = c.acceptWord('TABLE')
  const isView = !isTable && c.acceptWords('MATERIALIZED', 'VIEW')
  if (!isTable && !isView) {
    const kind = c.current.text
    skipRest(c)
    addFinding(ctx, 'COMMENT_IGNORED', 'info', `COMMENT ${kind.toUpperCase()}`, `comment on ${kind.toUpperCase()} is not kept: only tables, views and columns carry comments in the model`)
    return
  }
  const relation = readQualifiedName(ctx, 'table name')
  const text = readCommentText(c)
  const set = <T extends { readonly comment?: string }>(o: T): T => withComment(o, text)
  if (ctx.catalog.tables.update(relation, set) || ctx.catalog.views.update(relation, set)) return
  addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', objectLabel('TABLE', relation), `comment on ${relation.name}, which the scripts read do not define; not kept`)
}

function readCommentText(c: TokenCursor): string {
  c.expectWord('IS')
  const text = stringLiteral(c, 'comment text')
  expectStatementEnd(c)
  return text
}

function withComment<T extends { readonly comment?: string }>(o: T, text: string): T {
  const { comment: _old, ...rest } = o
  return (text === '' ? rest : { ...rest, comment: text }) as T
}

function commentColumn(ctx: DdlContext, relation: QualifiedName, column: string, text: string): void {
  const table = ctx.catalog.tables.find(relation)
  const edited = table && editColumn(table, column, (col) => withComment(col, text))
  if (edited) {
    ctx.catalog.tables.upsert(edited)
    return
  }
  const onView = !table && ctx.catalog.views.update(relation, (v) => {
    const { [column]: _old, ...others } = v.columnComments ?? {}
    return { ...v, columnComments: text === '' ? others : { ...others, [column]: text } }
  })
  if (onView) return
  addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', objectLabel('TABLE', relation), `comment on column ${relation.name}.${column}, which the scripts read do not define; not kept`)
}

/** RENAME old TO new: a table, view, sequence or private synonym of the current schema. */
export function readRename(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('RENAME')
  const from = readQualifiedName(ctx, 'object name')
  c.expectWord('TO')
  const to = c.identifier('new name')
  expectStatementEnd(c)
  const rename = <T extends { readonly name: string }>(o: T): T => ({ ...o, name: to })
  const { catalog } = ctx
  if (catalog.tables.update(from, rename) || catalog.views.update(from, rename) || catalog.sequences.update(from, rename) || catalog.synonyms.update(from, rename)) return
  addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', objectLabel('OBJECT', from), `RENAME of ${from.name}, which the scripts read do not define; not applied`)
}
