import type { Block, Statement } from './plsql-ast.js'

/** Every statement of a block, nested ones included (loops, branches, handlers, inner blocks). */
export function allStatements(block: Block): Statement[] {
  const out: Statement[] = []
  const visitList = (list: readonly Statement[]) => list.forEach(visit)
  const visitBlock = (b: Block) => {
    visitList(b.body)
    b.handlers.forEach((h) => visitList(h.body))
  }
  function visit(s: Statement): void {
    out.push(s)
    switch (s.kind) {
      case 'if':
        s.branches.forEach((b) => visitList(b.body))
        if (s.otherwise) visitList(s.otherwise)
        break
      case 'case':
        s.whens.forEach((w) => visitList(w.body))
        if (s.otherwise) visitList(s.otherwise)
        break
      case 'loop':
      case 'while':
      case 'for-range':
      case 'for-cursor':
      case 'for-query':
        visitList(s.body)
        break
      case 'forall':
        visit(s.statement)
        break
      case 'block':
        visitBlock(s.block)
        break
      default:
        // The other statements hold no statements.
        break
    }
  }
  visitBlock(block)
  return out
}
