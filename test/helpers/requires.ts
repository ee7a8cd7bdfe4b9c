import t from 'tap'

/**
 * The value of the environment variable `name`, which names something a test file needs from
 * outside the repository (a dataset, a database service). When it is unset, the whole file is
 * skipped with one line saying how to run it (`set NAME=example to run what`), and this returns
 * undefined: a fresh clone passes, and CI (.ci/run) sets the variable.
 */
export function requireEnv (name: string, example: string, what: string): string | undefined {
  const value = process.env[name]
  if (value !== undefined && value !== '') return value
  t.plan(0, `set ${name}=${example} to run ${what}`)
  return undefined
}
