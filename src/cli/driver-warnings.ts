/**
 * pg's connection-string parser warns once, through process.emitWarning, that it treats
 * sslmode=prefer/require/verify-ca as verify-full. Printed raw it is a wall of text about driver
 * versions; godwit says what it means for the user in one warning line (docs/connections.md).
 */
export const SSLMODE_WARNING =
  "sslmode=require (or prefer, verify-ca) in a postgres URL is enforced as verify-full: the server's certificate must be valid for its host name. " +
  'Add uselibpqcompat=true to the URL for libpq\'s meaning (encrypt without checking the certificate), or write sslmode=verify-full (docs/connections.md).'

const PG_SSLMODE = /^SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca'/

/** Routes the driver warnings godwit knows to `warn`; every other warning prints as Node would. */
export function routeDriverWarnings(warn: (message: string) => void): () => void {
  const original = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message
    if (PG_SSLMODE.test(text)) return warn(SSLMODE_WARNING)
    return (original as (...a: unknown[]) => void).call(process, warning, ...rest)
  }) as typeof process.emitWarning
  return () => {
    process.emitWarning = original
  }
}
