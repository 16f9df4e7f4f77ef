import { describe, expect, it } from 'vitest'
import { readConfig } from '../../server/src/config.ts'

describe('readConfig', () => {
  it('has defaults for a local start', () => {
    expect(readConfig({}, '/srv/tandem')).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/tandem/data',
      databaseUrl: undefined,
      staticDir: '/srv/tandem/dist',
      logLevel: 'info',
      httpsOnly: false,
      trustProxy: false,
    })
  })

  it('reads every setting from the environment', () => {
    const config = readConfig(
      {
        PORT: '3000',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/tandem',
        DATABASE_URL: 'postgres://tandem@db/tandem',
        STATIC_DIR: 'public-build',
        LOG_LEVEL: 'warn',
        HTTPS_ONLY: 'true',
        TRUST_PROXY: 'true',
      },
      '/srv/tandem',
    )
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/var/lib/tandem',
      databaseUrl: 'postgres://tandem@db/tandem',
      staticDir: '/srv/tandem/public-build',
      logLevel: 'warn',
      httpsOnly: true,
      trustProxy: true,
    })
  })

  it('treats empty variables as unset', () => {
    const config = readConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '' }, '/srv/tandem')
    expect(config.port).toBe(8080)
    expect(config.databaseUrl).toBeUndefined()
    expect(config.logLevel).toBe('info')
  })

  it('accepts port 0 (any free port)', () => {
    expect(readConfig({ PORT: '0' }).port).toBe(0)
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL/],
    [{ HTTPS_ONLY: 'maybe' }, /HTTPS_ONLY/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message)
  })
})
