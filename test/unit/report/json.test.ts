import { describe, expect, it } from 'vitest'
import { renderJson } from '../../../src/report/json.js'

describe('renderJson', () => {
  it('prints the object itself, indented, with a final newline', () => {
    const value = { a: 1, b: ['x'], c: undefined }
    const text = renderJson(value)
    expect(text).toBe('{\n  "a": 1,\n  "b": [\n    "x"\n  ]\n}\n')
    expect(JSON.parse(text)).toEqual(value)
  })
})
