import { importSide } from '../helpers/test-files.js'

// The plugin, its client and its conformance kit: see helpers/test-files.ts for why one process runs them all.
await importSide('plugin')
