import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AssessmentResult } from '../../src/convert/assess/assessment-result.js'
import { CORPUS_DIR, corpusAvailable, corpusSkipReason } from '../support/corpus.js'
import { runCli, type CliRun } from './run-cli.js'

/** Oracle's OE sample: action items on objects and on data statements, warnings, several cost sources. */
const OE = join(CORPUS_DIR, 'oracle/oe/load_order.txt')

interface Figures {
  readonly level: string
  readonly personDays: number
  readonly hours: number
  readonly objects: number
  readonly needRewrite: number
  readonly actionItems: number
  readonly warnings: number
}

function num(text: string | undefined): number {
  if (text === undefined) throw new Error('figure not found')
  return Number(text)
}

function fromConsole(out: string): Figures & { hardest: Array<{ minutes: number; label: string }> } {
  const level = /^Migration level (\S+):/m.exec(out)?.[1] ?? ''
  const m = /^Estimated effort: ([\d.]+) person-days \(([\d.]+) h\) for (\d+) objects; (\d+) need a person, (\d+) action items, (\d+) warnings\.$/m.exec(out)
  if (!m) throw new Error(`no effort line in:\n${out}`)
  const hardest = [...out.matchAll(/^ {2}\w+ +([\d.]+) min {2}(.+)$/gm)].map((h) => ({ minutes: num(h[1]), label: h[2]! }))
  return { level, personDays: num(m[1]), hours: num(m[2]), objects: num(m[3]), needRewrite: num(m[4]), actionItems: num(m[5]), warnings: num(m[6]), hardest }
}

/** The summary of either report, read through its label → value pairs. */
function fromPairs(pairs: ReadonlyMap<string, string>): Figures {
  const effort = /^([\d.]+) person-days \(([\d.]+) h\)$/.exec(pairs.get('Estimated effort') ?? '')
  return {
    level: pairs.get('Migration level (ora2pg scale)') ?? '',
    personDays: num(effort?.[1]),
    hours: num(effort?.[2]),
    objects: num(pairs.get('Objects assessed')),
    needRewrite: num(pairs.get('Objects needing rewrite')),
    actionItems: num(pairs.get('Action items')),
    warnings: num(pairs.get('Warnings')),
  }
}

function markdownSummary(md: string): Map<string, string> {
  return new Map([...md.matchAll(/^- \*\*(.+?):\*\* (.+)$/gm)].map((m) => [m[1]!.replace(/\\/g, ''), m[2]!.replace(/\\/g, '')]))
}

function htmlSummary(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<div class="card"><div class="muted">([^<]+)<\/div><div class="value">([^<]+)<\/div><\/div>/g)].map((m) => [m[1]!, m[2]!]))
}

/** The rows of a Markdown table under `## title`, as cells. */
function markdownTable(md: string, title: string): string[][] {
  const section = md.split(/^## /m).find((s) => s.startsWith(`${title}\n`)) ?? ''
  return section
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .slice(2)
    .map((l) => l.slice(2, -2).split(' | '))
}

describe.skipIf(!corpusAvailable)(`godwit assess prints one set of figures everywhere${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  const reportDir = mkdtempSync(join(tmpdir(), 'godwit-assess-figures-'))
  let run: CliRun
  let json: AssessmentResult
  let md: string
  let html: string

  beforeAll(async () => {
    run = await runCli(['assess', '--script-list', OE, '--report', reportDir])
    const files = readdirSync(reportDir)
    const read = (ext: string) => readFileSync(join(reportDir, files.find((f) => f.endsWith(ext))!), 'utf8')
    json = JSON.parse(read('.json')) as AssessmentResult
    md = read('.md')
    html = read('.html')
  }, 60_000)

  it('console, Markdown, HTML and JSON agree on level, effort, objects, action items and warnings', () => {
    expect(run.status).toBe(0)
    const fromJson: Figures = {
      level: json.level.code,
      personDays: json.effort.personDays,
      hours: json.effort.hours,
      objects: json.summary.objects,
      needRewrite: json.summary.objectsNeedingRewrite,
      actionItems: json.summary.actionItems,
      warnings: json.summary.warnings,
    }
    const { hardest, ...consoleFigures } = fromConsole(run.stdout)
    expect(hardest.length).toBeGreaterThan(0)
    expect(consoleFigures).toEqual(fromJson)
    expect(fromPairs(markdownSummary(md))).toEqual(fromJson)
    expect(fromPairs(htmlSummary(html))).toEqual(fromJson)
    // The summary counts every action item: those on objects and those about no object (OE has both).
    const onObjects = json.objects.reduce((n, o) => n + o.actionItems.length, 0)
    const elsewhere = json.unattachedFindings.filter((f) => f.severity === 'action').length
    expect(onObjects).toBeGreaterThan(0)
    expect(elsewhere).toBeGreaterThan(0)
    expect(json.summary.actionItems).toBe(onObjects + elsewhere)
  })

  it("the per-schema table adds up to the summary's person-days", () => {
    const rows = markdownTable(md, 'Schemas')
    const total = rows.find((r) => r[0] === 'Total')!
    expect(num(total[4])).toBe(json.effort.personDays)
    const parts = rows.filter((r) => r[0] !== 'Total').map((r) => num(r[4]))
    expect(parts.length).toBeGreaterThan(1)
    // Each row is rounded to 0.1 person-days on its own.
    expect(Math.abs(parts.reduce((a, b) => a + b, 0) - json.effort.personDays)).toBeLessThanOrEqual(0.05 * parts.length + 1e-9)
    expect(run.stdout).toContain(`Person-days by schema: ${json.schemas.map((s) => `${s.schema ?? '(no schema)'} ${s.effort.personDays}`).join('; ')}; findings about no object ${json.unattachedEffort.personDays}`)
  })

  it('"Hardest objects" is sorted by the minutes it prints, and is the head of the report\'s list', () => {
    const { hardest } = fromConsole(run.stdout)
    const minutes = hardest.map((h) => h.minutes)
    expect(minutes).toEqual([...minutes].sort((a, b) => b - a))
    const reportRows = markdownTable(md, 'Objects by difficulty').map((r) => ({ label: r[0]!.replace(/\\/g, ''), minutes: num(r[2]) }))
    expect(hardest).toEqual(reportRows.slice(0, hardest.length))
    for (const h of hardest) expect(json.objects.find((o) => o.label === h.label)?.minutes).toBe(h.minutes)
  })
})
