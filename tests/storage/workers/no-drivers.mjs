// Module hooks that make `better-sqlite3` and `pg` unresolvable, as in a project that never installed them.
// Registered by hide-drivers.mjs with `node --import`.
export async function resolve(specifier, context, next) {
  if (specifier === 'better-sqlite3' || specifier === 'pg') {
    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from ${context.parentURL}`), { code: 'ERR_MODULE_NOT_FOUND' })
  }
  return next(specifier, context)
}
