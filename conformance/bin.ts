#!/usr/bin/env node
/* c8 ignore start: the process entry only hands argv and the process's streams to main(), which the tests drive directly */
import { main } from './cli.js'

process.exitCode = await main(process.argv.slice(2), process)
/* c8 ignore stop */
