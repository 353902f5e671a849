import { describe, expect, it } from 'vitest'
import { tokenize } from '../../../../src/convert/sql/tokenizer.js'
import { anyWord, findPattern, op, stringLiteral, word, wordPrefix, words, type TokenPattern } from '../../../../src/convert/assess/token-pattern.js'

describe('findPattern', () => {
  it.each<[string, TokenPattern, number]>([
    ['select * from t connect by prior id = pid', words('CONNECT BY'), 1],
    ['select * from t Connect  By prior id = pid connect by x', words('CONNECT BY'), 2],
    ["select 'connect by' from dual", words('CONNECT BY'), 0],
    ['select 1 from dual -- connect by\n', words('CONNECT BY'), 0],
    ['select 1 /* connect by */ from dual', words('CONNECT BY'), 0],
    ['where a.id = b.id(+)', [op('(+)')], 1],
    ['dbms_lob.substr(x); dbms_output.put_line(x)', [wordPrefix('DBMS_'), op('.')], 2],
    ['dbms_lob.substr(x); dbms_output.put_line(x)', [wordPrefix('DBMS_', ['DBMS_OUTPUT']), op('.')], 1],
    ['select * from emp@remote_db', [anyWord, op('@'), anyWord], 1],
    ["open c for 'select 1 from dual'", [word('OPEN'), anyWord, word('FOR'), stringLiteral], 1],
    ['open c for select 1 from dual', [word('OPEN'), anyWord, word('FOR'), stringLiteral], 0],
    ['x', [], 0],
  ])('%s', (text, pattern, expected) => {
    expect(findPattern(tokenize(text), pattern)).toHaveLength(expected)
  })

  it('returns the index of each match start', () => {
    const tokens = tokenize('a connect by b connect by')
    expect(findPattern(tokens, words('CONNECT BY')).map((i) => tokens[i]!.column)).toEqual([3, 16])
  })
})
