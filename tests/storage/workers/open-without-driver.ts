/** Opens the memory a spec names and prints the error's code and message as JSON (for the missing-driver test). */
import { openStore } from '../../../src/storage/open-store.js'

openStore(process.argv[2]!).then(
  () => process.stdout.write(JSON.stringify({ opened: true })),
  (error: { code?: string; message?: string; name?: string }) => process.stdout.write(JSON.stringify({ name: error.name, code: error.code, message: error.message })),
)
