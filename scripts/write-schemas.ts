/** `npm run schemas [-- <dir>]`: writes the JSON Schema files and the OpenAPI document (default ./json-schema). */
import { resolve } from 'node:path'
import { writeSchemas } from './schema-files.js'

const dir = resolve(process.argv[2] ?? 'json-schema')
const written = await writeSchemas(dir)
process.stdout.write(`wrote ${written.length} files to ${dir}\n`)
