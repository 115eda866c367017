// `node --import ./hide-drivers.mjs ...`: runs the program as if the optional database drivers were not installed.
import { register } from 'node:module'
register('./no-drivers.mjs', import.meta.url)
