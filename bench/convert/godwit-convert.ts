import { join } from 'node:path'
import { OUTPUT_FILES } from '../../src/convert/convert.js'
import { runConvert } from '../../src/convert/run-convert.js'
import type { SchemaModel } from '../../src/model/schema.js'
import { corpusLoadOrder } from '../../test/support/corpus.js'
import { addCounts, noObjects, type ObjectCounts } from './object-counts.js'

export interface ConvertedCorpus {
  /** Per schema, in apply order: the SQL files to run on PostgreSQL, in the order to run them. */
  readonly filesBySchema: ReadonlyMap<string, readonly string[]>
}

/** One schema per `runConvert` call, as `godwit convert` is run on a schema's scripts. */
export async function convertCorpusWithGodwit(schemas: readonly string[], outRoot: string): Promise<ConvertedCorpus & { source: ObjectCounts }> {
  const filesBySchema = new Map<string, string[]>()
  const source = noObjects()
  for (const schema of schemas) {
    const outDir = join(outRoot, schema)
    const outcome = await runConvert({ scripts: corpusLoadOrder('oracle', schema), targetSchema: schema, outDir })
    filesBySchema.set(schema, OUTPUT_FILES.map((f) => join(outDir, f.file)))
    addCounts(source, countsInModel(outcome.result.schema))
  }
  return { filesBySchema, source }
}

/** What the Oracle scripts define, as godwit's parser read them. */
function countsInModel(model: SchemaModel): ObjectCounts {
  const code = (kind: string) => model.code.filter((c) => c.kind === kind).length
  return {
    tables: model.tables.length,
    views: model.views.filter((v) => !v.materialized).length,
    materializedViews: model.views.filter((v) => v.materialized).length,
    sequences: model.sequences.length,
    routines: code('function') + code('procedure'),
    triggers: code('trigger'),
  }
}
