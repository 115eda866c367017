/**
 * The PostgreSQL connection-string check, kept out of `mizan/postgres` so the subpath exports only its storage
 * (`PostgresStorage`, `openStore`).
 *
 * @module
 * @internal
 */
import { StorageError } from '../../errors.js'

/**
 * Checks that a connection string is a `postgres://` or `postgresql://` URL with a host, and returns it with
 * any password removed (for messages).
 *
 * @param connectionString - what the user gave
 * @returns the string without its password
 * @throws {@link mizan!StorageError} naming what is wrong and what a good one looks like
 * @example
 * ```ts
 * checkConnectionString('postgres://me:secret@db/tm') // 'postgres://me@db/tm'
 * ```
 * @internal
 */
export function checkConnectionString(connectionString: string): string {
  const example = 'postgres://user:password@host:5432/database'
  if (typeof connectionString !== 'string' || connectionString.length === 0) {
    throw new StorageError(`a PostgreSQL memory needs a connection string like ${example}, got ${JSON.stringify(connectionString)}`)
  }
  let url: URL
  try {
    url = new URL(connectionString)
  } catch (error) {
    throw new StorageError(`the PostgreSQL connection string is not a URL; expected one like ${example}`, { cause: error })
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StorageError(`the PostgreSQL connection string must start with postgres:// or postgresql://, got ${url.protocol}//...; expected one like ${example}`)
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new StorageError(`the PostgreSQL connection string has no host; expected one like ${example}`)
  }
  url.password = ''
  return url.toString()
}
