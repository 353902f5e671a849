import { describe, expect, it } from 'vitest'
import { migrationLevel, type LevelInput } from '../../../../src/convert/assess/migration-level.js'

const input = (objects: LevelInput['objects'], personDays = 1, unattachedActionItems = 0): LevelInput => ({ objects, personDays, unattachedActionItems, levelCDays: 5 })

describe('migrationLevel (ora2pg vocabulary)', () => {
  it.each<[string, LevelInput, string]>([
    ['nothing at all', input([]), 'A-1'],
    ['a view needing rewrite and no routines', input([{ kind: 'view', needsRewrite: true }]), 'B-4'],
    ['a trigger needing rewrite and no routines', input([{ kind: 'trigger', needsRewrite: true }]), 'B-4'],
    ['a trigger needing rewrite beside routines', input([{ kind: 'trigger', needsRewrite: true }, { kind: 'function', needsRewrite: false }]), 'B-5'],
    ['a view needing rewrite beside clean routines', input([{ kind: 'view', needsRewrite: true }, { kind: 'procedure', needsRewrite: false }]), 'B-4'],
    ['a package body needing rewrite, many days', input([{ kind: 'package-body', needsRewrite: true }], 12), 'C-5'],
    ['exactly the B/C boundary', input([{ kind: 'function', needsRewrite: true }], 5), 'B-5'],
    ['an action item about no object', input([{ kind: 'table', needsRewrite: false }], 1, 1), 'B-4'],
  ])('%s', (_title, given, expected) => {
    expect(migrationLevel(given).code).toBe(expected)
  })

  it('explains both parts in words', () => {
    expect(migrationLevel(input([{ kind: 'function', needsRewrite: true }], 7)).explanation).toBe(
      'Level C: code rewrite needed, estimated above 5 person-days. Technical level 5 (difficult: stored functions and/or triggers need rewriting by hand).',
    )
  })
})
