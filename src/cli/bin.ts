// The `mizan` executable: all logic lives in main.ts so tests can drive it in-process too.
import { main } from './main.js'

process.exitCode = await main(process.argv.slice(2))
