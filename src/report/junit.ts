import { escapeHtml } from './html.js'

/** One JUnit testcase: CI systems show each as passed, failed (a check found something) or errored (could not run). */
export interface JunitCase {
  readonly name: string
  readonly className: string
  readonly seconds: number
  readonly failure?: { readonly message: string; readonly details: string }
  readonly error?: { readonly message: string; readonly details: string }
  /** Shown as the case's `system-out` (e.g. what a passing check did not look at). */
  readonly output?: string
}

export interface JunitSuite {
  readonly name: string
  readonly timestamp: string
  readonly seconds: number
  /** Suite-level `<properties>`, e.g. the filters a run used. */
  readonly properties?: Readonly<Record<string, string>>
  readonly cases: readonly JunitCase[]
}

/** Escapes text for XML attributes and text (the HTML escapes are XML's five). Control characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''))
}

/** JUnit XML as Jenkins, GitLab and GitHub test reporters read it. */
export function renderJunit(s: JunitSuite): string {
  const failures = s.cases.filter((c) => c.failure).length
  const errors = s.cases.filter((c) => c.error).length
  const cases = s.cases.map((c) => {
    const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.className)}" time="${c.seconds.toFixed(3)}"`
    const body = c.failure
      ? `      <failure message="${xml(c.failure.message)}">${xml(c.failure.details)}</failure>\n`
      : c.error
        ? `      <error message="${xml(c.error.message)}">${xml(c.error.details)}</error>\n`
        : ''
    const out = c.output === undefined ? '' : `      <system-out>${xml(c.output)}</system-out>\n`
    return body || out ? `${open}>\n${body}${out}    </testcase>` : `${open}/>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(s.name)}" tests="${s.cases.length}" failures="${failures}" errors="${errors}" time="${s.seconds.toFixed(3)}">`,
    `  <testsuite name="${xml(s.name)}" tests="${s.cases.length}" failures="${failures}" errors="${errors}" time="${s.seconds.toFixed(3)}" timestamp="${xml(s.timestamp)}">`,
    ...(s.properties && Object.keys(s.properties).length > 0
      ? ['    <properties>', ...Object.entries(s.properties).map(([k, v]) => `      <property name="${xml(k)}" value="${xml(v)}"/>`), '    </properties>']
      : []),
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
