import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import type { Finding } from '../../model/finding.js'
import { decodeScript } from '../ddl-reader/script-text.js'
import type { SourceLocation } from '../../model/location.js'

/** One SQL statement or PL/SQL unit of a script, with the position of its first character. */
export interface ScriptStatement {
  readonly text: string
  readonly at: SourceLocation
  /** A PL/SQL unit (ended by `/`): CREATE FUNCTION/PROCEDURE/PACKAGE/TYPE/TRIGGER, DECLARE, BEGIN. */
  readonly plsql: boolean
}

export interface ScriptReadResult {
  readonly statements: ScriptStatement[]
  readonly findings: Finding[]
  /** Every file read, includes too, in the order they were read. */
  readonly files: string[]
}

export interface ScriptOptions {
  /** SQL*Plus positional parameters (`&1`, `&2`…), as given after the script name. */
  readonly args?: readonly string[]
  /** Initial DEFINEs. */
  readonly defines?: Readonly<Record<string, string>>
}

const PLSQL_START = /^\s*(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:NON)?EDITIONABLE\s+|EDITIONING\s+)?(?:FUNCTION|PROCEDURE|PACKAGE|TRIGGER|TYPE|LIBRARY|JAVA)\b|DECLARE\b|BEGIN\b|<<)/i
const SQL_SET = /^\s*SET\s+(?:TRANSACTION|ROLE|CONSTRAINTS?)\b/i
/** SQL*Plus / SQLcl commands, by their shortest accepted abbreviation. */
const COMMANDS: ReadonlyArray<[string, string]> = [
  ['REM', 'REMARK'], ['PRO', 'PROMPT'], ['SET', 'SET'], ['DEF', 'DEFINE'], ['UNDEF', 'UNDEFINE'],
  ['SPO', 'SPOOL'], ['CONN', 'CONNECT'], ['DISC', 'DISCONNECT'], ['EXIT', 'EXIT'], ['QUIT', 'QUIT'],
  ['WHENEVER', 'WHENEVER'], ['COL', 'COLUMN'], ['TTI', 'TTITLE'], ['BTI', 'BTITLE'], ['BRE', 'BREAK'],
  ['COMP', 'COMPUTE'], ['CL', 'CLEAR'], ['SHO', 'SHOW'], ['PAU', 'PAUSE'], ['ACC', 'ACCEPT'],
  ['VAR', 'VARIABLE'], ['PRI', 'PRINT'], ['DESC', 'DESCRIBE'], ['HO', 'HOST'], ['STORE', 'STORE'],
  ['TIMI', 'TIMING'], ['PASSW', 'PASSWORD'], ['R', 'RUN'], ['SAV', 'SAVE'], ['GET', 'GET'],
  ['LOAD', 'LOAD'], ['EXEC', 'EXECUTE'], ['STA', 'START'], ['REPH', 'REPHEADER'], ['REPF', 'REPFOOTER'],
]

function sqlplusCommand(line: string): string | undefined {
  const m = /^\s*([A-Za-z]+)(?=\s|$|;)/.exec(line)
  if (!m) return /^\s*@/.test(line) ? '@' : /^\s*!/.test(line) ? 'HOST' : undefined
  const word = m[1]!.toUpperCase()
  for (const [short, full] of COMMANDS) {
    if (word.length >= short.length && full.startsWith(word)) return full
  }
  return undefined
}

/** Tracks strings and block comments across lines so a `;` inside them does not end a statement. */
class LexState {
  inString: "'" | '"' | undefined
  qClose: string | undefined
  inComment = false
  /**
   * Offset of a line-continuation hyphen in the last line scanned: a `-` that is the last
   * character (trailing blanks aside) outside strings and comments. SQL*Plus removes it and
   * joins the next line, in SQL statements too (why `SELECT 10 -⏎5 FROM dual` fails there).
   */
  continuation: number | undefined

  /** Returns the offsets of statement-ending semicolons in `line`. */
  scan(line: string): number[] {
    const ends: number[] = []
    this.continuation = undefined
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!
      if (this.inComment) {
        if (c === '*' && line[i + 1] === '/') {
          this.inComment = false
          i++
        }
        continue
      }
      if (this.qClose) {
        if (line.startsWith(`${this.qClose}'`, i)) {
          this.qClose = undefined
          i++
        }
        continue
      }
      if (this.inString) {
        if (c === this.inString) {
          if (line[i + 1] === c) i++
          else this.inString = undefined
        }
        continue
      }
      if (c === '-' && line[i + 1] === '-') break
      if (c === '-' && line.slice(i + 1).trim() === '') {
        this.continuation = i
        break
      }
      if (c === '/' && line[i + 1] === '*') {
        this.inComment = true
        i++
        continue
      }
      if ((c === 'q' || c === 'Q') && line[i + 1] === "'" && !/[A-Za-z0-9_$#]/.test(line[i - 1] ?? ' ')) {
        const open = line[i + 2] ?? ''
        this.qClose = ({ '[': ']', '(': ')', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open
        i += 2
        continue
      }
      if (c === "'" || c === '"') {
        this.inString = c
        continue
      }
      if (c === ';') ends.push(i)
    }
    return ends
  }
}

/**
 * Reads a SQL*Plus script the way SQL*Plus runs it: SQL*Plus commands (REM, PROMPT, SET, DEFINE,
 * SPOOL…) are consumed, `@`/`@@` includes are followed, `&` substitution variables are replaced,
 * SQL statements end at `;`, PL/SQL units at a `/` line. What it skips and cannot follow is
 * reported as findings, never silently.
 */
export function readSqlPlusScript(path: string, options: ScriptOptions = {}): ScriptReadResult {
  const result: ScriptReadResult = { statements: [], findings: [], files: [] }
  const defines = new Map<string, string>(Object.entries(options.defines ?? {}).map(([k, v]) => [k.toUpperCase(), v]))
  ;(options.args ?? []).forEach((a, i) => defines.set(String(i + 1), a))
  const settings = { define: true }
  readFile(resolve(path), result, defines, settings, 0)
  return result
}

function resolveInclude(name: string, fromDir: string): string | undefined {
  const candidates = [name, join(fromDir, name), join(fromDir, basename(name))]
  for (const c of candidates) {
    for (const p of extname(c) ? [c] : [`${c}.sql`, c]) if (existsSync(p)) return resolve(p)
  }
  return undefined
}

function substitute(line: string, defines: Map<string, string>, onMissing: (name: string) => void): string {
  return line.replace(/&&?([A-Za-z0-9_]+)\.?/g, (m, name: string) => {
    const v = defines.get(name.toUpperCase())
    if (v === undefined) {
      onMissing(name)
      return m
    }
    return v
  })
}

function readFile(
  file: string,
  result: ScriptReadResult,
  defines: Map<string, string>,
  settings: { define: boolean },
  depth: number,
): void {
  result.files.push(file)
  const text = decodeScript(readFileSync(file))
  const lines = text.split(/\r?\n/)
  let buffer: string[] = []
  let start: SourceLocation | undefined
  let plsql = false
  let lex = new LexState()
  const missing = new Set<string>()

  const flush = () => {
    const body = buffer.join('\n').replace(/\s+$/, '')
    if (start && body.trim() !== '') result.statements.push({ text: body, at: start, plsql })
    buffer = []
    start = undefined
    plsql = false
    lex = new LexState()
  }
  const finding = (code: string, severity: Finding['severity'], message: string, lineNo: number, source?: string) =>
    result.findings.push({ code, severity, object: `SCRIPT ${basename(file)}`, message, at: { file, line: lineNo, column: 1 }, source })

  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1
    let line = lines[n]!
    if (buffer.length === 0) {
      if (line.trim() === '' || line.trim() === '/' || line.trim() === '.') continue
      // A comment line between statements belongs to neither; kept, it would hide a PL/SQL
      // unit's CREATE … TRIGGER below it from the detection, which only looks at first lines.
      if (/^\s*--/.test(line)) continue
      const cmd = SQL_SET.test(line) ? undefined : sqlplusCommand(line)
      if (cmd) {
        let full = line
        while (/\s-\s*$/.test(full) && n + 1 < lines.length) full = full.replace(/-\s*$/, ' ') + lines[++n]!
        if (settings.define && cmd !== 'REMARK') {
          full = substitute(full, defines, (name) => {
            if (!missing.has(name)) finding('SQLPLUS_UNDEFINED_VARIABLE', 'warning', `substitution variable &${name} has no value`, lineNo, full.trim())
            missing.add(name)
          })
        }
        runCommand(cmd, full.trim(), lineNo)
        if (cmd === 'EXIT' || cmd === 'QUIT') return
        continue
      }
    }
    if (settings.define && line.includes('&')) {
      line = substitute(line, defines, (name) => {
        if (!missing.has(name)) finding('SQLPLUS_UNDEFINED_VARIABLE', 'warning', `substitution variable &${name} has no value`, lineNo, line.trim())
        missing.add(name)
      })
    }
    if (buffer.length === 0) {
      const col = line.search(/\S/)
      start = { file, line: lineNo, column: col + 1 }
      plsql = PLSQL_START.test(line)
      line = line.slice(col)
      buffer.push(line)
    } else {
      // `/` alone on a line runs the buffer, SQL or PL/SQL (DBMS_METADATA ends ALTER TYPE so); `.` ends a PL/SQL unit's input.
      if ((plsql ? /^\s*[/.]\s*$/ : /^\s*\/\s*$/).test(line) && !lex.inComment && !lex.inString && !lex.qClose) {
        flush()
        continue
      }
      buffer.push(line)
      // A PL/SQL unit can only be recognised once its first words are in (CREATE OR REPLACE\nPROCEDURE).
      if (!plsql && buffer.length <= 3 && lex.inString === undefined) plsql = PLSQL_START.test(buffer.join(' '))
    }
    if (plsql) {
      lex.scan(line)
      continue
    }
    const ends = lex.scan(line)
    if (lex.continuation !== undefined) {
      // The hyphen becomes a blank and the line break stays: the same SQL as SQL*Plus's joined
      // line, with every later position unchanged. PL/SQL units (above) keep theirs: there a
      // trailing `-` is arithmetic.
      line = `${line.slice(0, lex.continuation)} `
      buffer[buffer.length - 1] = line
    }
    if (ends.length > 0) splitAtSemicolons(ends)
  }
  if (buffer.length > 0) flush()

  /** Ends the buffered SQL statement at each `;` of the last line; text after the last one starts the next. */
  function splitAtSemicolons(ends: number[]): void {
    const last = buffer.pop()!
    const lineNo = start ? start.line + buffer.length : 1
    const lineStartCol = buffer.length === 0 && start ? start.column : 1
    let from = 0
    for (const e of ends) {
      const piece = last.slice(from, e)
      if (buffer.length === 0 && piece.trim() !== '') {
        const col = piece.search(/\S/)
        start = { file, line: lineNo, column: lineStartCol + from + col }
        buffer.push(piece.slice(col))
      } else buffer.push(piece)
      flush()
      from = e + 1
    }
    const rest = last.slice(from)
    if (rest.trim() !== '' && !/^\s*--/.test(rest)) {
      const col = rest.search(/\S/)
      start = { file, line: lineNo, column: lineStartCol + from + col }
      buffer.push(rest.slice(col))
      plsql = PLSQL_START.test(rest)
      lex.scan(rest)
    }
  }

  function runCommand(cmd: string, line: string, lineNo: number): void {
    switch (cmd) {
      case 'DEFINE': {
        const m = /^\S+\s+([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line)
        if (m) defines.set(m[1]!.toUpperCase(), m[2]!.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'))
        return
      }
      case 'UNDEFINE':
        for (const name of line.split(/\s+/).slice(1)) defines.delete(name.toUpperCase())
        return
      case 'SET': {
        const m = /^\S+\s+(DEF(?:INE)?|SCAN)\s+(\S+)/i.exec(line)
        if (m) settings.define = !/^OFF$/i.test(m[2]!)
        else if (/^\S+\s+LOAD\b/i.test(line)) finding('SQLCL_LOAD', 'info', 'SQLcl LOAD settings ignored', lineNo, line)
        return
      }
      case '@':
      case 'START': {
        const m = /^(?:@@?|\S+\s+)(\S+)\s*(.*)$/.exec(line)
        if (!m) return
        const target = resolveInclude(m[1]!, dirname(file))
        if (!target) {
          finding('SQLPLUS_INCLUDE_MISSING', 'warning', `included script ${m[1]} was not found; its statements are not converted`, lineNo, line)
          return
        }
        if (depth > 20) {
          finding('SQLPLUS_INCLUDE_DEPTH', 'warning', `include depth over 20 at ${m[1]}`, lineNo, line)
          return
        }
        const args = m[2]!.trim() === '' ? [] : m[2]!.trim().split(/\s+/)
        const saved = args.map((_, i) => defines.get(String(i + 1)))
        args.forEach((a, i) => defines.set(String(i + 1), a))
        readFile(target, result, defines, settings, depth + 1)
        saved.forEach((v, i) => (v === undefined ? defines.delete(String(i + 1)) : defines.set(String(i + 1), v)))
        return
      }
      case 'EXECUTE': {
        const body = line.replace(/^\S+\s+/, '').replace(/;\s*$/, '')
        result.statements.push({ text: `BEGIN ${body}; END;`, at: { file, line: lineNo, column: 1 }, plsql: true })
        return
      }
      case 'LOAD':
        finding('SQLCL_LOAD', 'action', `SQLcl LOAD of a data file is not converted: load that data with godwit load or COPY`, lineNo, line)
        return
      case 'CONNECT':
        finding('SQLPLUS_CONNECT', 'info', 'CONNECT ignored: all statements go to one target database', lineNo, line.replace(/\/\S*/, '/***'))
        return
      default:
        return
    }
  }
}
