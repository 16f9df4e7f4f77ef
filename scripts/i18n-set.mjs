#!/usr/bin/env node
// Deep-merges interface strings into locales/<lang>.json, keeping key order stable.
// Usage: node scripts/i18n-set.mjs <lang> '<json object>'   (or a path to a .json file)
// Several people may add strings at once: the merge holds an exclusive lock file meanwhile.
import { readFileSync, writeFileSync, openSync, closeSync, unlinkSync, existsSync } from 'node:fs'

const [lang, input] = process.argv.slice(2)
if (!lang || !input) {
  console.error('usage: node scripts/i18n-set.mjs <lang> <json | file.json>')
  process.exit(2)
}
const patch = JSON.parse(existsSync(input) ? readFileSync(input, 'utf8') : input)
const lock = new URL('../locales/.lock', import.meta.url)
const deadline = Date.now() + 10_000
for (;;) {
  try { closeSync(openSync(lock, 'wx')); break } catch {
    if (Date.now() > deadline) { console.error('locales/.lock is held; remove it if no merge is running'); process.exit(1) }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
  }
}
try {
  const file = new URL(`../locales/${lang}.json`, import.meta.url)
  const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  const merge = (a, b) => {
    for (const [k, v] of Object.entries(b)) {
      a[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' ? merge(a[k], v) : v
    }
    return a
  }
  writeFileSync(file, JSON.stringify(merge(current, patch), null, 2) + '\n')
} finally {
  unlinkSync(lock)
}
