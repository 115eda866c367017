/**
 * Lazy loading of the optional database drivers. `better-sqlite3` and `pg` are optional peer dependencies: the
 * core of mizan never imports them, and the SQL backends import them only when a memory is opened, so a user
 * without the driver gets a {@link StorageError} with code `'STORAGE_DRIVER_MISSING'` that names the fix instead
 * of a module-resolution stack trace.
 *
 * @module
 * @internal
 */
import { StorageError } from '../../errors.js'

/** What the message should say about each driver. @internal */
const drivers = {
  'better-sqlite3': { backend: 'The SQLite memory (mizan/sqlite)', fix: 'npm install better-sqlite3' },
  pg: { backend: 'The PostgreSQL memory (mizan/postgres)', fix: 'npm install pg' },
} as const

/** The drivers mizan can load. @internal */
export type DriverName = keyof typeof drivers

/**
 * True when `error` says that module `name` itself could not be found (not one of its own imports failing).
 *
 * @param error - what `import()` threw
 * @param name - the module asked for
 * @returns whether the module is missing
 * @example
 * ```ts
 * isModuleMissing(Object.assign(new Error("Cannot find package 'pg'"), { code: 'ERR_MODULE_NOT_FOUND' }), 'pg') // true
 * ```
 * @internal
 */
export function isModuleMissing(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false
  return typeof message === 'string' && (message.includes(`'${name}'`) || message.includes(`"${name}"`) || message.includes(`/${name}/`))
}

/**
 * Loads a driver through `load` (an `import()` of it), turning "module not found" into a `StorageError` with code
 * `'STORAGE_DRIVER_MISSING'` and the install command, and any other load failure (say, a native binding built for
 * another Node version) into a `StorageError` with the driver's error as `cause`.
 *
 * @param name - the driver package
 * @param load - imports it; tests pass a failing loader
 * @returns the driver module
 * @throws {@link StorageError} when the driver is missing or fails to load
 * @example
 * ```ts
 * const pg = await loadDriver('pg', () => import('pg'))
 * ```
 * @internal
 */
export async function loadDriver<T>(name: DriverName, load: () => Promise<T>): Promise<T> {
  const { backend, fix } = drivers[name]
  try {
    return await load()
  } catch (error) {
    if (isModuleMissing(error, name)) {
      throw new StorageError(`${backend} needs the ${name} driver, which is not installed. Fix: \`${fix}\``, {
        code: 'STORAGE_DRIVER_MISSING',
        cause: error,
      })
    }
    throw new StorageError(`${backend} could not load the ${name} driver (${(error as Error)?.message ?? String(error)}). Try reinstalling it: \`${fix}\``, {
      cause: error,
    })
  }
}

/** The default export of a module loaded by `import()`, whether it is ESM or CommonJS underneath. @internal */
export function defaultExport<T>(module: T | { default: T }): T {
  return typeof module === 'object' && module !== null && 'default' in module ? (module as { default: T }).default : (module as T)
}
