import type { ConformanceReport } from './runner.js'

export const REPORTERS = ['human', 'tap', 'junit', 'json'] as const
export type ReporterName = typeof REPORTERS[number]

function escapeXml (text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** A readable summary: one line a check, the failures' reasons, the totals. */
export function human (report: ConformanceReport): string {
  const lines = [`Conformance of ${report.baseUrl}`, '']
  for (const result of report.results) {
    const mark = result.status === 'pass' ? 'ok  ' : result.status === 'fail' ? 'FAIL' : 'skip'
    lines.push(`${mark} ${result.id.padEnd(34)} ${result.title}`)
    if (result.status !== 'pass') lines.push(`       ${result.status === 'fail' ? `${result.clause}: ` : ''}${result.message ?? ''}`)
  }
  lines.push('', `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`)
  return lines.join('\n') + '\n'
}

/** TAP version 14, a test point per check. */
export function tap (report: ConformanceReport): string {
  const lines = ['TAP version 14', `1..${report.results.length}`]
  report.results.forEach((result, index) => {
    const point = `${result.status === 'fail' ? 'not ok' : 'ok'} ${index + 1} - ${result.id}: ${result.title}`
    lines.push(result.status === 'skip' ? `${point} # SKIP ${result.message ?? ''}` : point)
    if (result.status === 'fail') {
      lines.push('  ---', `  clause: ${JSON.stringify(result.clause)}`, `  message: ${JSON.stringify(result.message ?? '')}`, '  ...')
    }
  })
  return lines.join('\n') + '\n'
}

/** JUnit XML, one testcase a check, for CI dashboards. */
export function junit (report: ConformanceReport): string {
  const seconds = (ms: number): string => (ms / 1000).toFixed(3)
  const total = report.results.reduce((sum, result) => sum + result.durationMs, 0)
  const cases = report.results.map((result) => {
    const open = `    <testcase classname="${escapeXml(result.id.split('.')[0] ?? result.id)}" name="${escapeXml(`${result.id}: ${result.title}`)}" time="${seconds(result.durationMs)}"`
    if (result.status === 'pass') return `${open}/>`
    const inner = result.status === 'skip'
      ? `<skipped message="${escapeXml(result.message ?? '')}"/>`
      : `<failure message="${escapeXml(result.message ?? '')}">${escapeXml(result.clause)}</failure>`
    return `${open}>${inner}</testcase>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${report.results.length}" failures="${report.failed}" skipped="${report.skipped}" time="${seconds(total)}">`,
    `  <testsuite name="conformance ${escapeXml(report.baseUrl)}" tests="${report.results.length}" failures="${report.failed}" skipped="${report.skipped}" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>'
  ].join('\n') + '\n'
}

export function json (report: ConformanceReport): string {
  return JSON.stringify(report, null, 2) + '\n'
}

export const reporters: Record<ReporterName, (report: ConformanceReport) => string> = { human, tap, junit, json }
