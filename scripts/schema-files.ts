import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildOpenApiDocument } from '../plugin/openapi-document.js'
import { schemas } from '../schemas/index.js'

/**
 * Writes the contract for clients in other languages: one JSON Schema file per named schema
 * (references by `$id`) and the OpenAPI 3.1 document. Returns the files written.
 */
export async function writeSchemas (dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const written: string[] = []
  for (const schema of schemas) {
    const file = join(dir, `${schema.$id as string}.json`)
    await writeFile(file, JSON.stringify(schema, null, 2) + '\n')
    written.push(file)
  }
  const openapi = join(dir, 'openapi.json')
  await writeFile(openapi, JSON.stringify(await buildOpenApiDocument(), null, 2) + '\n')
  written.push(openapi)
  return written
}
