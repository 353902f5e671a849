import { TokenCursor } from '../../convert/sql/cursor.js'
import { tokenize } from '../../convert/sql/tokenizer.js'
import type { ExternalTableDef, LoaderFormat } from '../../model/schema.js'
import { addFinding, expectStatementEnd, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { skipItem, stringLiteral } from '../ddl-reader/ddl-syntax.js'
import { readSharing } from './oracle-ddl-sharing.js'

/**
 * `( [TYPE driver] [DEFAULT DIRECTORY d] [ACCESS PARAMETERS {(…) | USING CLOB query}]
 * LOCATION ([dir:]'file', …) )` after ORGANIZATION EXTERNAL. The access parameters are the
 * driver's own language: kept verbatim, and for ORACLE_LOADER also read into a LoaderFormat.
 */
export function readExternalClause(c: TokenCursor): ExternalTableDef {
  const def: { -readonly [K in keyof ExternalTableDef]: ExternalTableDef[K] } = { locations: [] }
  let textAt: ReturnType<TokenCursor['location']> | undefined
  c.expectOp('(')
  while (!c.atEnd() && !c.isOp(')')) {
    if (c.acceptWord('TYPE')) def.driver = c.identifier('access driver')
    else if (c.acceptWords('DEFAULT', 'DIRECTORY')) def.defaultDirectory = c.identifier('directory name')
    else if (c.acceptWords('ACCESS', 'PARAMETERS')) {
      if (c.acceptWords('USING', 'CLOB')) {
        def.accessParametersQuery = true
        while (!c.atEnd() && !c.isOp(')') && !c.isWord('LOCATION')) skipItem(c)
      } else {
        const open = c.pos
        c.skipParens()
        def.accessParameters = { text: c.textBetween(open + 1, c.pos - 1) }
        textAt = c.location(c.tokens[open + 1])
      }
    } else if (c.acceptWord('LOCATION')) def.locations = readLocations(c)
    else skipItem(c)
  }
  c.expectOp(')')
  // Only ORACLE_LOADER (the default driver) speaks the loader language; the others' parameters stay verbatim.
  if (def.accessParameters && textAt && (def.driver ?? 'ORACLE_LOADER') === 'ORACLE_LOADER') {
    def.accessParameters = { ...def.accessParameters, format: readLoaderFormat(def.accessParameters.text, textAt) }
  }
  return def
}

/** `([dir:]'file', …)`: a directory before a file overrides the default directory. */
function readLocations(c: TokenCursor): ExternalTableDef['locations'] {
  const locations: { directory?: string; file: string }[] = []
  c.expectOp('(')
  do {
    let directory: string | undefined
    if (c.current.kind !== 'string') {
      directory = c.identifier('directory name')
      if (!c.acceptOp(':')) c.fail('expected ":" after the directory of a location')
    }
    locations.push({ ...(directory !== undefined && { directory }), file: stringLiteral(c, 'file name') })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return locations
}

const FILE_CLAUSES = ['BADFILE', 'DISCARDFILE', 'LOGFILE', 'PREPROCESSOR']
const TRIMS = ['LRTRIM', 'NOTRIM', 'LTRIM', 'RTRIM', 'LDRTRIM']
/** Record options that change nothing about which rows are read or their values. */
const NEUTRAL_RECORD_OPTIONS = ['NOBADFILE', 'NODISCARDFILE', 'NOLOGFILE', 'DISABLE_DIRECTORY_LINK_CHECK']
const NEUTRAL_WITH_NUMBER = ['READSIZE', 'DATE_CACHE']

/**
 * The ORACLE_LOADER access parameters a target may be able to express (record delimiter, field
 * terminator and enclosure, header lines, character set, trimming, field names), and the name of
 * every other clause, so a target can tell what it would lose. Reading never fails on valid
 * Oracle: anything not understood is listed as a clause; undefined when the text does not even
 * tokenize.
 */
function readLoaderFormat(text: string, at: ReturnType<TokenCursor['location']>): LoaderFormat | undefined {
  try {
    return loaderFormat(new TokenCursor(tokenize(text, at), text, at.file))
  } catch {
    return undefined
  }
}

type MutableFormat = { -readonly [K in keyof LoaderFormat]: LoaderFormat[K] }

function loaderFormat(c: TokenCursor): LoaderFormat {
  const clauses: string[] = []
  // Without a RECORDS clause ORACLE_LOADER reads newline-delimited records.
  const f: MutableFormat = { clauses, records: 'newline' }
  const clause = (name: string): void => {
    if (!clauses.includes(name)) clauses.push(name)
  }
  while (!c.atEnd()) {
    if (c.acceptWord('RECORDS')) {
      if (c.acceptWords('DELIMITED', 'BY')) {
        c.acceptWord('DETECTED')
        if (!c.acceptWord('NEWLINE')) {
          f.records = undefined
          clause('RECORDS DELIMITED BY a string')
          skipItem(c)
        }
      } else {
        f.records = undefined
        clause(`RECORDS ${c.next().value}`)
        if (c.isOp('(')) c.skipParens()
      }
    } else if (c.acceptWord('CHARACTERSET')) f.characterSet = c.next().value.toUpperCase()
    else if (c.acceptWord('SKIP')) f.skip = Number(c.next().value)
    else if (c.acceptWords('FIELD', 'NAMES')) {
      f.fieldNames = c.acceptWords('FIRST', 'FILE') ? 'first file' : c.acceptWords('ALL', 'FILES') ? 'all files' : (c.expectWord('NONE'), 'none')
      if (c.acceptWord('IGNORE')) clause('FIELD NAMES … IGNORE')
    } else if (NEUTRAL_RECORD_OPTIONS.some((w) => c.acceptWord(w))) continue
    else if (NEUTRAL_WITH_NUMBER.some((w) => c.acceptWord(w))) c.next()
    else if (c.acceptWord('FIELDS')) readFieldsClause(c, f, clause)
    else if (c.isOp('(')) readFieldList(c, f, clause)
    else if (FILE_CLAUSES.some((w) => c.isWord(w))) {
      // BADFILE / DISCARDFILE / LOGFILE / PREPROCESSOR [directory:]'file'
      clause(c.next().value)
      if (c.isIdentifier() && c.isOp(':', 1)) c.pos += 2
      if (c.current.kind === 'string') c.next()
    } else if (c.acceptWords('EXTERNAL', 'VARIABLE', 'DATA')) clause('EXTERNAL VARIABLE DATA')
    else if (c.acceptWords('DATA', 'IS')) {
      clause('DATA IS … ENDIAN')
      c.next()
      c.acceptWord('ENDIAN')
    } else if (c.current.kind === 'word') {
      // LOAD WHEN, COLUMN TRANSFORMS, ESCAPE, LANGUAGE, …: named for the target to judge.
      const word = c.next().value
      clause(word === 'LOAD' || word === 'COLUMN' ? `${word} ${c.current.value}` : word)
    } else skipItem(c)
  }
  return f
}

function readFieldsClause(c: TokenCursor, f: MutableFormat, clause: (name: string) => void): void {
  for (;;) {
    if (c.acceptWord('CSV')) {
      f.csv = true
      if (c.acceptWord('WITH') || c.acceptWord('WITHOUT')) {
        c.acceptWord('EMBEDDED')
        c.acceptWords('RECORD', 'TERMINATORS')
      }
    } else if (c.acceptWords('TERMINATED', 'BY')) {
      if (c.acceptWord('WHITESPACE')) clause('TERMINATED BY WHITESPACE')
      else f.fieldTerminator = delimiterString(c)
    } else if (c.acceptWords('OPTIONALLY', 'ENCLOSED', 'BY') || c.acceptWords('ENCLOSED', 'BY')) {
      f.optionallyEnclosed = c.peek(-3).value === 'OPTIONALLY'
      f.enclosedBy = delimiterString(c)
      if (c.acceptWord('AND') && delimiterString(c) !== f.enclosedBy) clause('ENCLOSED BY … AND another character')
    } else if (TRIMS.some((w) => c.isWord(w))) f.trim = c.next().value
    else if (c.acceptWords('MISSING', 'FIELD', 'VALUES', 'ARE', 'NULL')) f.missingFieldValuesAreNull = true
    else if (c.acceptWords('ALL', 'FIELDS', 'OVERRIDE') || c.acceptWord('IGNORE_CHARS_AFTER_EOR')) continue
    else if (c.acceptWords('REJECT', 'ROWS', 'WITH', 'ALL', 'NULL', 'FIELDS')) clause('REJECT ROWS WITH ALL NULL FIELDS')
    else if (c.acceptWord('DATE_FORMAT')) readDateFormat(c, clause)
    else if (c.isWord('NULLIF') || c.isWord('DEFAULTIF')) {
      clause(c.next().value)
      while (!c.atEnd() && !c.isOp('(') && !c.isWord('COLUMN')) skipItem(c)
    } else return
  }
}

/** A delimiter: 'x', "x", or X'hex' (X'09' is a tab). */
function delimiterString(c: TokenCursor): string {
  if (c.current.kind === 'string' || c.current.kind === 'qident') return c.next().value
  if (c.isWord('X') && c.peek().kind === 'string' && !c.peek().spaceBefore) {
    c.next()
    const hex = c.next().value
    if (!/^(?:[0-9A-Fa-f]{2})+$/.test(hex)) c.fail('expected hexadecimal digits')
    return Buffer.from(hex, 'hex').toString('latin1')
  }
  return c.fail('expected a delimiter string')
}

/** `(name [type and options], …)`: the field names in file order; positions, masks and per-field rules are clauses. */
function readFieldList(c: TokenCursor, f: MutableFormat, clause: (name: string) => void): void {
  const fields: string[] = []
  c.expectOp('(')
  while (!c.atEnd() && !c.isOp(')')) {
    fields.push(c.identifier('field name'))
    // `name (1:10)` is POSITION's short form.
    if (c.isOp('(')) clause('POSITION')
    while (!c.atEnd() && !c.isOp(',') && !c.isOp(')')) {
      if (c.acceptWord('POSITION')) clause('POSITION')
      else if (c.acceptWord('DATE_FORMAT')) readDateFormat(c, clause)
      else if (c.isWord('CHAR') || c.isWord('VARCHAR') || c.isWord('VARCHAR2') || c.isWord('EXTERNAL')) c.next()
      else if ((c.isWord('INTEGER') || c.isWord('FLOAT') || c.isWord('DECIMAL') || c.isWord('ZONED')) && c.isWord('EXTERNAL', 1)) c.pos += 2
      else if (c.isOp('(')) c.skipParens()
      else if (c.current.kind === 'word') clause(`field ${c.next().value}`)
      else skipItem(c)
    }
    c.acceptOp(',')
  }
  c.expectOp(')')
  f.fields = fields
}

/** Date masks PostgreSQL's input reads the same way whatever its DateStyle. */
const ISO_MASKS = new Set(['YYYY-MM-DD', 'YYYY-MM-DD HH24:MI:SS', 'YYYY-MM-DD HH24:MI:SS.FF', 'YYYY-MM-DD"T"HH24:MI:SS'])

/** `DATE_FORMAT {DATE | TIMESTAMP [WITH [LOCAL] TIME ZONE] | INTERVAL …} MASK "fmt"`: an ISO mask reads the same in PostgreSQL. */
function readDateFormat(c: TokenCursor, clause: (name: string) => void): void {
  while (!c.atEnd() && !c.isWord('MASK') && !c.isOp(',') && !c.isOp(')') && !c.isOp('(')) c.next()
  if (!c.acceptWord('MASK')) return clause('DATE_FORMAT without MASK')
  const mask = c.next().value
  if (!ISO_MASKS.has(mask.toUpperCase())) clause(`DATE_FORMAT MASK "${mask}"`)
}

/**
 * CREATE [OR REPLACE] DIRECTORY [IF NOT EXISTS] name [SHARING = …] AS 'path' (after CREATE): kept
 * in the model, so external tables reading from it get a file path. No SQL is written for it.
 */
export function readCreateDirectory(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  c.expectWord('DIRECTORY')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = c.identifier('directory name')
  readSharing(ctx, `DIRECTORY ${name}`)
  c.expectWord('AS')
  const path = stringLiteral(c, 'directory path')
  expectStatementEnd(c)
  ctx.catalog.directories.upsert({ name, path, at })
  addFinding(
    ctx,
    'DIRECTORY_MAPPED',
    'info',
    `DIRECTORY ${name}`,
    `directory ${name} (${path}) is no object of the target, so nothing is written: external tables reading from it take their files' path from it (on PostgreSQL, file_fdw foreign tables reading under ${path} on the database server, unless --directory maps it elsewhere); other uses (UTL_FILE, BFILENAME, DBMS_LOB) are reported where they occur`,
  )
}
