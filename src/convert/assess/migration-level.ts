import type { CodeKind } from './assessable-object.js'

/** ora2pg's migration level letter: how much of the migration can run without a person. */
export type MigrationLetter = 'A' | 'B' | 'C'
/** ora2pg's technical difficulty level, 1 (trivial) to 5 (difficult). */
export type TechnicalLevel = 1 | 2 | 3 | 4 | 5

export interface MigrationLevel {
  readonly letter: MigrationLetter
  readonly technical: TechnicalLevel
  /** `B-5`, as ora2pg prints it. */
  readonly code: string
  /** One sentence per level, in ora2pg's words adapted to what godwit found. */
  readonly explanation: string
}

/** What the level is decided from: the objects' kinds and whether each needs rewriting by hand. */
export interface LevelInput {
  readonly objects: ReadonlyArray<{ readonly kind: string; readonly needsRewrite: boolean }>
  /** Action items about no particular object (a data statement that did not convert). */
  readonly unattachedActionItems: number
  readonly personDays: number
  readonly levelCDays: number
}

const ROUTINES: ReadonlySet<string> = new Set<CodeKind>(['function', 'procedure', 'package', 'package-body', 'type-body'])

const TECHNICAL_TEXT: Record<TechnicalLevel, string> = {
  1: 'trivial: no stored functions and no triggers',
  2: 'easy: triggers but no stored functions, nothing to rewrite by hand',
  3: 'simple: stored functions and/or triggers, nothing to rewrite by hand',
  4: 'manual: no stored function needs rewriting, but triggers, views or tables do',
  5: 'difficult: stored functions and/or triggers need rewriting by hand',
}

function letterText(letter: MigrationLetter, levelCDays: number): string {
  if (letter === 'A') return 'can be migrated automatically, no object needs rewriting by hand'
  return `code rewrite needed, estimated ${letter === 'B' ? 'at most' : 'above'} ${levelCDays} person-days`
}

/**
 * The migration level in ora2pg's vocabulary (A/B/C and 1–5), so godwit's assessment can be
 * compared with an ora2pg report. "Rewriting" means an object godwit cannot convert without a
 * person: an action item, or a construct the catalogue marks manual.
 */
export function migrationLevel(input: LevelInput): MigrationLevel {
  const rewrite = input.objects.filter((o) => o.needsRewrite)
  const anyRewrite = rewrite.length > 0 || input.unattachedActionItems > 0
  const hasRoutines = input.objects.some((o) => ROUTINES.has(o.kind))
  const hasTriggers = input.objects.some((o) => o.kind === 'trigger')
  const rewriteCode = rewrite.some((o) => ROUTINES.has(o.kind) || (hasRoutines && o.kind === 'trigger'))

  const letter: MigrationLetter = !anyRewrite ? 'A' : input.personDays <= input.levelCDays ? 'B' : 'C'
  const technical: TechnicalLevel = rewriteCode ? 5 : anyRewrite ? 4 : hasRoutines ? 3 : hasTriggers ? 2 : 1
  return {
    letter,
    technical,
    code: `${letter}-${technical}`,
    explanation: `Level ${letter}: ${letterText(letter, input.levelCDays)}. Technical level ${technical} (${TECHNICAL_TEXT[technical]}).`,
  }
}
