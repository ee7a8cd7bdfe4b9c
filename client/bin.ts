#!/usr/bin/env node
/* c8 ignore start: the process entry only hands argv, the process's streams and Ctrl-C to main(), which the tests drive directly */
import { EventEmitter } from 'node:events'
import { main } from './cli.js'

// Ctrl-C becomes an interrupt the chat interprets (cancel the reply, or leave at the prompt).
const interrupts = new EventEmitter()
process.on('SIGINT', () => interrupts.emit('interrupt'))
process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, interrupts })
process.exit()
/* c8 ignore stop */
