#!/usr/bin/env node
// Makes sure a Chromium exists for the end-to-end suite, as browser-installing test tools do:
// CHROMIUM_PATH, else /usr/bin/chromium, else (root on Debian) installs Debian's package,
// else stops with one line saying what to install.
import { existsSync, readFileSync } from 'node:fs'
import { execSync } from 'node:child_process'

const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (existsSync(candidate)) process.exit(0)
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH points to ${process.env.CHROMIUM_PATH}, which does not exist: install Chromium there or unset it.`)
  process.exit(1)
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const isDebian = existsSync('/etc/debian_version') || /ID(_LIKE)?=.*debian/.test(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '')
if (!isRoot || !isDebian) {
  console.error('No Chromium found: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.')
  process.exit(1)
}
console.log('No Chromium found: installing Debian\'s chromium package for the end-to-end tests…')
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
} catch {
  console.error('Installing chromium failed: run "apt-get install chromium" by hand, or set CHROMIUM_PATH.')
  process.exit(1)
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('The chromium package installed no /usr/bin/chromium: set CHROMIUM_PATH to the Chromium binary.')
  process.exit(1)
}
