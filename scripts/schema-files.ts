import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildOpenApiDocument, OPENAPI_PATHS, OPENAPI_VERSIONS } from '../plugin/openapi.js'
import { schemas } from '../schemas/index.js'
import { REFERENCE_OPENAPI } from '../server/app.js'
import { createReferenceInterviewer } from '../server/interview/index.js'

/**
 * Writes the contract for clients in other languages: one JSON Schema file per named schema
 * (references by `$id`) and the reference server's OpenAPI documents (3.1 and 3.2, named as
 * served: `openapi.json`, `openapi-3.2.json`). Returns the files written.
 */
export async function writeSchemas (dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const written: string[] = []
  for (const schema of schemas) {
    const file = join(dir, `${schema.$id as string}.json`)
    await writeFile(file, JSON.stringify(schema, null, 2) + '\n')
    written.push(file)
  }
  const subject = { capabilities: (await createReferenceInterviewer()).capabilities }
  for (const version of OPENAPI_VERSIONS) {
    const file = join(dir, OPENAPI_PATHS[version].split('/').at(-1) as string)
    await writeFile(file, JSON.stringify(buildOpenApiDocument(version, subject, REFERENCE_OPENAPI), null, 2) + '\n')
    written.push(file)
  }
  return written
}
