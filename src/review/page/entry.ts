/**
 * The page script's entry: in a page, the editor (main.ts); in a Web Worker made from this same script (the static
 * page re-aligns there, see realign-worker.ts), only the re-alignment service. `require` keeps main.ts from running
 * in the worker: esbuild evaluates a required module when the call is reached, where an import would run it first.
 *
 * @module
 * @internal
 */
import { serveRealignment } from './realign-worker.js'

if (typeof document === 'undefined') serveRealignment(self as unknown as Parameters<typeof serveRealignment>[0])
else require('./main.js')
