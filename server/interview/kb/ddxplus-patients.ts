/**
 * DDXPlus patients files: each synthetic patient's age, sex, pathology, evidences and the
 * reference differential the release gives it. The benchmark replays them; the engine learns
 * from their differentials what a differential keeps (ddxplus-differentials.ts).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'

/** A DDXPlus patient in the release's English codes. */
export interface Patient {
  age: number
  sex: 'male' | 'female'
  /** English condition name. */
  pathology: string
  /** Evidence code → its values: [] for a yes/no evidence, else the value codes (V_nn or numbers as text). */
  evidences: Map<string, string[]>
  initial: string
  /** English condition name → probability. */
  differential: Map<string, number>
}

interface CodeMap {
  evidences: Record<string, string>
  values: Record<string, Record<string, string>>
  conditions: Record<string, string>
}

/** Reads a Python list literal as the release writes it: "['a', 'b']", "[['x', 0.5]]". */
export function parsePythonList (text: string): unknown {
  const json = text.replace(/'((?:[^'\\]|\\.)*)'/g, (_match, inner: string) => JSON.stringify(inner.replace(/\\'/g, "'")))
  return JSON.parse(json)
}

/** Loads a patients file in either release's codes: English E_nn/V_nn, or French names (converted with the code map). */
export async function readPatients (file: string, kbDir: string): Promise<Patient[]> {
  const codes = JSON.parse(await readFile(join(kbDir, 'fr_en_code_map.json'), 'utf8')) as CodeMap
  const rows = parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>
  const condition = (name: string): string => codes.conditions[name] ?? name
  function evidenceOf (token: string): [string, string | undefined] {
    const [name = '', value] = token.split('_@_')
    if (/^E_\d+$/.test(name)) return [name, value]
    const code = codes.evidences[name]
    if (code === undefined) throw new Error(`unknown evidence ${name}`)
    if (value === undefined) return [code, undefined]
    return [code, /^\d+$/.test(value) ? value : codes.values[name]?.[value] ?? value]
  }
  return rows.map((row) => {
    const evidences = new Map<string, string[]>()
    for (const token of parsePythonList(row.EVIDENCES as string) as string[]) {
      const [code, value] = evidenceOf(token)
      const values = evidences.get(code) ?? []
      if (value !== undefined) values.push(value)
      evidences.set(code, values)
    }
    return {
      age: Number(row.AGE),
      sex: row.SEX === 'M' ? 'male' : 'female',
      pathology: condition(row.PATHOLOGY as string),
      evidences,
      initial: evidenceOf(row.INITIAL_EVIDENCE as string)[0],
      differential: new Map((parsePythonList(row.DIFFERENTIAL_DIAGNOSIS as string) as Array<[string, number]>).map(([name, p]) => [condition(name), p]))
    }
  })
}
