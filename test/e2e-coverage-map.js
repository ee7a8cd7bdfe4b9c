/**
 * Which source files each end-to-end test counts coverage for (tap's --coverage-map).
 * The PostgreSQL store and the Redis connection need their services, so the fast suite leaves
 * them out of its coverage (package.json, tap.coverage-exclude) and the in-process tests of test/e2e
 * cover them in full. The other end-to-end tests run the server in child processes, whose
 * coverage is not usable (see test/helpers/process.ts): they count none.
 */
const COVERS = {
  'test/e2e/store-postgres.test.ts': ['server/store/postgres.ts'],
  'test/e2e/rate-limit-redis.test.ts': ['server/redis.ts']
}

export default function coverageMap (testFile) {
  return COVERS[testFile] ?? null
}
