/**
 * Parses the SQL_REDO text LogMiner writes for row changes (with the session NLS formats godwit
 * sets, see logminer-sql.ts) into column values. SQL_REDO is parsed rather than read through
 * DBMS_LOGMNR.MINE_VALUE because MINE_VALUE needs one call per column named in the query (the
 * column list changes per table and per DDL) and still returns strings; SQL_REDO carries every
 * logged column of the change in one text, the way Debezium's LogMiner adapter reads it.
 *
 * Forms (Oracle 19c, DICT_FROM_ONLINE_CATALOG, NO_ROWID_IN_STMT):
 *   insert into "HR"."EMP"("ID","NAME") values ('1','Ann');
 *   update "HR"."EMP" set "NAME" = 'Bo' where "ID" = '1' and "NAME" = 'Ann';
 *   delete from "HR"."EMP" where "ID" = '1' and "NAME" IS NULL;
 * Values: 'text' ('' escapes a quote), NULL, bare numbers, TO_DATE('…', '…'),
 * TO_TIMESTAMP('…'), TO_TIMESTAMP_TZ('…'), HEXTORAW('…'), EMPTY_CLOB()/EMPTY_BLOB(), and
 * Unicode text as UNISTR('\00e9…').
 */

export interface ParsedRedo {
  readonly op: 'insert' | 'update' | 'delete'
  readonly schema: string
  readonly table: string
  /** insert: the row; update: the SET columns. */
  readonly after?: Readonly<Record<string, string | null>>
  /** update/delete: the WHERE columns (the key, or every logged column with supplemental ALL logging). */
  readonly before?: Readonly<Record<string, string | null>>
}

export class RedoParseError extends Error {
  constructor(message: string, readonly redo: string, readonly offset: number) {
    super(`${message} at offset ${offset} of SQL_REDO: ${redo.length > 200 ? `${redo.slice(0, 200)}…` : redo}`)
  }
}

class Cursor {
  pos = 0
  constructor(readonly s: string) {}
  ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++
  }
  peekWord(word: string): boolean {
    this.ws()
    return this.s.slice(this.pos, this.pos + word.length).toLowerCase() === word.toLowerCase() && !/[A-Za-z0-9_]/.test(this.s[this.pos + word.length] ?? '')
  }
  word(word: string): void {
    if (!this.peekWord(word)) throw new RedoParseError(`expected ${word}`, this.s, this.pos)
    this.pos += word.length
  }
  char(c: string): void {
    this.ws()
    if (this.s[this.pos] !== c) throw new RedoParseError(`expected ${JSON.stringify(c)}`, this.s, this.pos)
    this.pos++
  }
  tryChar(c: string): boolean {
    this.ws()
    if (this.s[this.pos] !== c) return false
    this.pos++
    return true
  }
  ident(): string {
    this.ws()
    if (this.s[this.pos] !== '"') throw new RedoParseError('expected a quoted identifier', this.s, this.pos)
    const end = this.s.indexOf('"', this.pos + 1)
    if (end < 0) throw new RedoParseError('unterminated identifier', this.s, this.pos)
    const id = this.s.slice(this.pos + 1, end)
    this.pos = end + 1
    return id
  }
  quoted(): string {
    this.ws()
    if (this.s[this.pos] !== "'") throw new RedoParseError('expected a string literal', this.s, this.pos)
    let out = ''
    let i = this.pos + 1
    for (;;) {
      const q = this.s.indexOf("'", i)
      if (q < 0) throw new RedoParseError('unterminated string literal', this.s, this.pos)
      out += this.s.slice(i, q)
      if (this.s[q + 1] === "'") {
        out += "'"
        i = q + 2
      } else {
        this.pos = q + 1
        return out
      }
    }
  }
  /** A value expression; returns its text (NULL → null). */
  value(): string | null {
    this.ws()
    if (this.s[this.pos] === "'") return this.quoted()
    if (this.peekWord('NULL')) {
      this.word('NULL')
      return null
    }
    const num = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(this.s.slice(this.pos))
    if (num) {
      this.pos += num[0].length
      return num[0]
    }
    const fn = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(this.s.slice(this.pos))
    if (!fn) throw new RedoParseError('expected a value', this.s, this.pos)
    const name = fn[1]!.toUpperCase()
    this.pos += fn[0].length
    if (name === 'EMPTY_CLOB' || name === 'EMPTY_BLOB') {
      this.char(')')
      return ''
    }
    const first = this.quoted()
    while (this.tryChar(',')) this.value() // format masks: the session formats are fixed, the text is what counts
    this.char(')')
    switch (name) {
      case 'TO_DATE':
      case 'TO_TIMESTAMP':
      case 'TO_TIMESTAMP_TZ':
      case 'TO_DSINTERVAL':
      case 'TO_YMINTERVAL':
        return first
      case 'HEXTORAW':
        return `\\x${first.toLowerCase()}`
      case 'UNISTR':
        return first.replace(/\\([0-9A-Fa-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      default:
        throw new RedoParseError(`unsupported value function ${name}`, this.s, this.pos)
    }
  }
  end(): void {
    this.tryChar(';')
    this.ws()
    if (this.pos !== this.s.length) throw new RedoParseError('unexpected text after the statement', this.s, this.pos)
  }
}

function qualified(c: Cursor): { schema: string; table: string } {
  const schema = c.ident()
  c.char('.')
  return { schema, table: c.ident() }
}

/** `"A" = 'x' and "B" IS NULL …` */
function conditions(c: Cursor): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  do {
    const col = c.ident()
    if (c.peekWord('IS')) {
      c.word('IS')
      c.word('NULL')
      out[col] = null
    } else {
      c.char('=')
      out[col] = c.value()
    }
  } while (c.peekWord('and') && (c.word('and'), true))
  return out
}

export function parseRedo(redo: string): ParsedRedo {
  const c = new Cursor(redo.trim())
  if (c.peekWord('insert')) {
    c.word('insert')
    c.word('into')
    const t = qualified(c)
    c.char('(')
    const cols: string[] = []
    do cols.push(c.ident())
    while (c.tryChar(','))
    c.char(')')
    c.word('values')
    c.char('(')
    const vals: (string | null)[] = []
    do vals.push(c.value())
    while (c.tryChar(','))
    c.char(')')
    c.end()
    if (cols.length !== vals.length) throw new RedoParseError(`${cols.length} columns but ${vals.length} values`, redo, 0)
    return { op: 'insert', ...t, after: Object.fromEntries(cols.map((k, i) => [k, vals[i]!])) }
  }
  if (c.peekWord('update')) {
    c.word('update')
    const t = qualified(c)
    c.word('set')
    const after: Record<string, string | null> = {}
    do {
      const col = c.ident()
      c.char('=')
      after[col] = c.value()
    } while (c.tryChar(','))
    let before: Record<string, string | null> = {}
    if (c.peekWord('where')) {
      c.word('where')
      before = conditions(c)
    }
    c.end()
    return { op: 'update', ...t, after, before }
  }
  if (c.peekWord('delete')) {
    c.word('delete')
    c.word('from')
    const t = qualified(c)
    c.word('where')
    const before = conditions(c)
    c.end()
    return { op: 'delete', ...t, before }
  }
  throw new RedoParseError('not an insert, update or delete', redo, 0)
}
