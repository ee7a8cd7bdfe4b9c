import { importSide } from '../helpers/test-files.js'

// The reference server, its stores and its engine: see helpers/test-files.ts for why one process runs them all.
await importSide('server')
