import { ConfigError } from '../core/errors.js'

/**
 * `${NAME}` and `${NAME:-default}` in config strings come from the environment, so secrets stay
 * out of the file. An unset variable without a default is an error naming the variable and key.
 */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
      const v = env[name]
      if (v !== undefined && v !== '') return v
      if (fallback !== undefined) return fallback
      throw new ConfigError('CONFIG_ENV_UNSET', `config ${path || 'value'} uses \${${name}}, which is not set`, {
        hint: `Export ${name} or give a default with \${${name}:-value}.`,
      })
    })
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, `${path}[${i}]`))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, path ? `${path}.${k}` : k)]),
    )
  }
  return value
}
