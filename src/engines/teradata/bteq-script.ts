import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { Finding } from '../../model/finding.js'
import { decodeScript } from '../ddl-reader/script-text.js'
import type { SourceLocation } from '../../model/location.js'
import type { DdlSourceStatement } from '../ddl-reader/ddl-context.js'

export interface BteqReadResult {
  readonly statements: DdlSourceStatement[]
  readonly findings: Finding[]
  /** Every file read, `.RUN` files too, in the order they were read. */
  readonly files: string[]
}

/** Words after END that close a construct no opener was counted for (IF … END IF). */
const END_SUFFIXES = new Set(['IF', 'LOOP', 'WHILE', 'FOR', 'REPEAT'])
/** A statement whose body is a block of statements, each ending in `;`, up to its final END. */
const COMPOUND_START = /^(?:CREATE|REPLACE)\s+(?:PROCEDURE|TRIGGER)\b/i
/** A line starting a new DDL statement: what a missing `;` before it is recognised by. */
const DDL_START = /^(?:CREATE|REPLACE)\s+[A-Za-z]/i
const QUIT_COMMANDS = new Set(['QUIT', 'EXIT'])

/**
 * Reads a BTEQ script, a SHOW output or a DDL export the way BTEQ runs it: SQL statements end at
 * `;` outside strings, comments and parentheses (a macro body's statements stay inside its
 * `AS ( … )`), and a stored procedure's or trigger's `;`s stay inside its BEGIN … END. Lines
 * starting with `.` between statements are BTEQ commands: `.RUN FILE` is followed, `.QUIT` and
 * `.EXIT` end the script, every other one is skipped with an info finding, never silently.
 */
export function readBteqScript(path: string): BteqReadResult {
  const result: BteqReadResult = { statements: [], findings: [], files: [] }
  readFile(resolve(path), result, 0)
  return result
}

function readFile(file: string, result: BteqReadResult, depth: number): void {
  result.files.push(file)
  const text = decodeScript(readFileSync(file))
  const finding = (code: string, severity: Finding['severity'], message: string, line: number, source?: string) =>
    result.findings.push({ code, severity, object: `SCRIPT ${basename(file)}`, message, at: { file, line, column: 1 }, ...(source !== undefined && { source }) })

  let i = 0
  let line = 1
  let lineStart = 0
  /** Offset and position of the current statement's first character; undefined between statements. */
  let start: { offset: number; at: SourceLocation } | undefined
  let parens = 0
  let blocks = 0
  let compound = false
  let previousWord = ''

  const advance = (to: number) => {
    for (; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        line++
        lineStart = i + 1
      }
    }
  }
  const endStatement = (end: number) => {
    if (start) {
      const body = text.slice(start.offset, end).replace(/\s+$/, '')
      if (body !== '') result.statements.push({ text: body, at: start.at })
    }
    start = undefined
    parens = 0
    blocks = 0
    compound = false
    previousWord = ''
  }

  while (i < text.length) {
    const c = text[i]!
    const next = text[i + 1]
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff') {
      advance(i + 1)
      continue
    }
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i)
      advance(end < 0 ? text.length : end)
      continue
    }
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2)
      advance(end < 0 ? text.length : end + 2)
      continue
    }
    if (!start && c === '.' && /[A-Za-z]/.test(next ?? '') && text.slice(lineStart, i).trim() === '') {
      const end = text.indexOf('\n', i)
      const commandLine = text.slice(i, end < 0 ? text.length : end).trim()
      const commandAt = line
      advance(end < 0 ? text.length : end)
      if (runCommand(commandLine, commandAt)) return
      continue
    }
    if (start && parens === 0 && blocks <= 0 && start.at.line < line && DDL_START.test(text.slice(i, i + 12)) && text.slice(lineStart, i).trim() === '') {
      // BTEQ would send both as one request and fail; the statement before lacks its `;`.
      finding('BTEQ_MISSING_SEMICOLON', 'warning', `the statement starting at line ${start.at.line} has no ";" before the ${text.slice(i, i + 7).trim().toUpperCase()} at line ${line}; read as two statements`, line)
      endStatement(i)
    }
    if (!start) {
      start = { offset: i, at: { file, line, column: i - lineStart + 1 } }
      compound = COMPOUND_START.test(text.slice(i, i + 40))
    }
    if (c === "'" || c === '"') {
      advance(closingQuote(text, i, c) + 1)
      continue
    }
    if (/[A-Za-z_$#]/.test(c)) {
      let end = i + 1
      while (end < text.length && /[A-Za-z0-9_$#]/.test(text[end]!)) end++
      const word = text.slice(i, end).toUpperCase()
      if (compound) countBlock(word)
      previousWord = word
      advance(end)
      continue
    }
    if (c === '(') parens++
    else if (c === ')') parens = Math.max(0, parens - 1)
    else if (c === ';' && parens === 0 && blocks <= 0) {
      endStatement(i)
      advance(i + 1)
      continue
    }
    previousWord = ''
    advance(i + 1)
  }
  endStatement(text.length)

  /** BEGIN and CASE open a block, END closes one; END IF / END LOOP … close constructs that were not counted. */
  function countBlock(word: string): void {
    if (previousWord === 'END' && (END_SUFFIXES.has(word) || word === 'CASE')) {
      if (END_SUFFIXES.has(word)) blocks++
      return
    }
    if (word === 'BEGIN' || word === 'CASE') blocks++
    else if (word === 'END') blocks--
  }

  /** Runs one dot command; true when it ends the script. */
  function runCommand(commandLine: string, at: number): boolean {
    const name = /^\.([A-Za-z]+)/.exec(commandLine)![1]!.toUpperCase()
    const shown = name === 'LOGON' ? '.LOGON ***' : commandLine
    if (QUIT_COMMANDS.has(name)) {
      const rest = text.slice(i).trim()
      if (rest !== '') finding('BTEQ_AFTER_QUIT', 'warning', `.${name} ends the script: the text after it is not read`, at, shown)
      return true
    }
    if (name === 'RUN') {
      const m = /FILE\s*=?\s*(\S+?);?$/i.exec(commandLine)
      const target = m ? [m[1]!, join(dirname(file), m[1]!)].find((p) => existsSync(p)) : undefined
      if (!target) finding('BTEQ_RUN_MISSING', 'warning', `${commandLine}: the file was not found; its statements are not converted`, at, shown)
      else if (depth > 20) finding('BTEQ_RUN_DEPTH', 'warning', `.RUN depth over 20 at ${m![1]}`, at, shown)
      else readFile(resolve(target), result, depth + 1)
      return false
    }
    const why = name === 'IF' ? 'the script\'s error handling is not converted (psql -v ON_ERROR_STOP=1 stops at the first error)' : 'BTEQ session and formatting commands have no PostgreSQL counterpart'
    finding('BTEQ_COMMAND', 'info', `.${name} skipped: ${why}`, at, shown)
    return false
  }
}

/** Offset of the quote closing the string or quoted name opened at `from` (a doubled quote is an escaped one). */
function closingQuote(text: string, from: number, quote: string): number {
  let k = from + 1
  for (;;) {
    const end = text.indexOf(quote, k)
    if (end < 0) return text.length - 1
    if (text[end + 1] !== quote) return end
    k = end + 2
  }
}
