#!/usr/bin/env node
// `npm test`: every suite, in order, stopping at the first failure, with each step's duration.
import { spawnSync } from 'node:child_process'

const steps = [
  ['lint', 'npx', ['eslint', '.']],
  ['types', 'npm', ['run', '-s', 'typecheck']],
  ['content', 'npm', ['run', '-s', 'content:check']],
  ['unit, component and server tests', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'component', '--project', 'server']],
  ['production build', 'npm', ['run', '-s', 'build']],
  ['browser', 'node', ['scripts/ensure-chromium.mjs']],
  ['end-to-end tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']],
]

const started = Date.now()
for (const [label, command, args] of steps) {
  const t0 = Date.now()
  console.log(`\n▶ ${label}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed after ${seconds} s`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${label} (${seconds} s)`)
}
console.log(`\nAll suites passed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
