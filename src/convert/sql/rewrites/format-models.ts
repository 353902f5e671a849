/**
 * Oracle datetime format models → PostgreSQL template patterns (PostgreSQL "Data Type
 * Formatting Functions"). Most elements are spelled the same; the differences are FM (Oracle
 * toggles fill mode for the rest of the model, PostgreSQL applies it to one element), RR/RRRR,
 * FF without digits, and SYYYY.
 */
const ELEMENTS = [
  'SYYYY', 'YYYY', 'IYYY', 'RRRR', 'YYY', 'IYY', 'YY', 'IY', 'RR', 'Y', 'I',
  'MONTH', 'MON', 'MM', 'RM', 'DDD', 'DD', 'DAY', 'DY', 'D', 'HH24', 'HH12', 'HH', 'MI', 'SSSSS', 'SS',
  'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6', 'FF7', 'FF8', 'FF9', 'FF', 'AM', 'PM', 'A.M.', 'P.M.', 'AD', 'BC', 'A.D.', 'B.C.',
  'Q', 'WW', 'IW', 'W', 'J', 'SCC', 'CC', 'TZH', 'TZM', 'TZR', 'TZD', 'FM', 'FX', 'TH', 'SP',
]

const RENAMED: Readonly<Record<string, string>> = { SYYYY: 'YYYY', RRRR: 'YYYY', RR: 'YY', FF: 'US', FF7: 'US', FF8: 'US', FF9: 'US', SCC: 'CC', TZR: 'TZ', TZD: 'TZ' }

export interface FormatTranslation {
  readonly pattern: string
  /** Elements whose PostgreSQL meaning differs (RR, FF7-9 …), for a warning. */
  readonly approximations: readonly string[]
}

/** Translates a datetime format model; the element case is kept (Month vs MONTH matter). */
export function translateDateFormat(model: string): FormatTranslation {
  let out = ''
  let fill = false
  const approximations: string[] = []
  let i = 0
  while (i < model.length) {
    const ch = model[i]!
    if (ch === '"') {
      const end = model.indexOf('"', i + 1)
      const stop = end < 0 ? model.length : end + 1
      out += model.slice(i, stop)
      i = stop
      continue
    }
    const upper = model.slice(i).toUpperCase()
    const element = ELEMENTS.find((el) => upper.startsWith(el))
    if (!element) {
      out += ch
      i++
      continue
    }
    const written = model.slice(i, i + element.length)
    i += element.length
    if (element === 'FM') {
      fill = !fill
      continue
    }
    if (element === 'FX') continue
    if (element === 'RR' || element === 'FF7' || element === 'FF8' || element === 'FF9') approximations.push(element)
    const renamed = RENAMED[element]
    const text = renamed ? (written === written.toLowerCase() ? renamed.toLowerCase() : renamed) : written
    const modifier = element === 'TH' || element === 'SP'
    out += fill && !modifier ? `FM${text}` : text
  }
  return { pattern: out, approximations }
}

/** A number format model (9, 0, G, D, $, …): PostgreSQL reads the same elements, FM included. */
export function isNumberFormat(model: string): boolean {
  return /^[\s$FMfmSs]*[09.,GDVLEBMIPRX$]*$/i.test(model.replace(/"[^"]*"/g, '')) && /[09]/.test(model)
}
