import { readBteqScript } from './src/engines/teradata/bteq-script.js'
for (const f of process.argv.slice(2)) {
  const r = readBteqScript(f)
  console.log(f, r.statements.length, r.findings.length)
  for (const s of r.statements) console.log(`  ${s.at.line}:${s.at.column} ${s.text.slice(0, 60).replace(/\s+/g, ' ')}`)
}
