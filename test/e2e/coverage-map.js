/**
 * Which source files each end-to-end test counts coverage for (tap's --coverage-map).
 * The PostgreSQL store needs a database, so the fast suite excludes it from its coverage
 * (package.json, tap.coverage-exclude) and the in-process PostgreSQL store tests here cover it
 * in full. The other end-to-end tests run the server in child processes, whose coverage is not
 * usable (see test/helpers/process.ts): they count none.
 */
export default function coverageMap (testFile) {
  return testFile === 'test/e2e/store-postgres.test.ts' ? ['server/store/postgres.ts'] : null
}
