export type * from './finding.js'
export type * from './location.js'
export type * from './logical-type.js'
export * from './schema.js'
