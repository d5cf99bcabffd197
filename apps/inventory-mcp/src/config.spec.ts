import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      port: 3101,
      host: '127.0.0.1',
      dbPath: '/srv/app/data/inventory.db',
      logLevel: 'info',
      allowedHosts: ['localhost', '127.0.0.1', '::1'],
      sessionIdleTimeoutMs: 1_800_000,
    });
  });

  it('checks hosts only when bound to loopback, unless ALLOWED_HOSTS says otherwise', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).allowedHosts).toBe('any');
    expect(loadConfig({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'svc,svc.internal' }).allowedHosts).toEqual([
      'svc',
      'svc.internal',
    ]);
    expect(loadConfig({ ALLOWED_HOSTS: '*' }).allowedHosts).toBe('any');
    expect(() => loadConfig({ ALLOWED_HOSTS: 'a b' })).toThrow(/ALLOWED_HOSTS/);
  });

  it('reads every variable, DB_PATH winning over DATA_DIR, empty values counting as unset', () => {
    const config = loadConfig(
      {
        PORT: '4000',
        HOST: '0.0.0.0',
        DATA_DIR: 'var',
        DB_PATH: 'db/stock.sqlite',
        LOG_LEVEL: 'debug',
        SESSION_IDLE_TIMEOUT_MS: '60000',
        NODE_ENV: '',
      },
      '/srv/app',
    );
    expect(config).toEqual({
      port: 4000,
      host: '0.0.0.0',
      dbPath: '/srv/app/db/stock.sqlite',
      logLevel: 'debug',
      allowedHosts: 'any',
      sessionIdleTimeoutMs: 60_000,
    });
    expect(loadConfig({ DATA_DIR: '/var/lib/inv', PORT: '' }, '/x').dbPath).toBe('/var/lib/inv/inventory.db');
  });

  it('fails fast naming the invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ SESSION_IDLE_TIMEOUT_MS: '5' })).toThrow(/SESSION_IDLE_TIMEOUT_MS/);
  });
});
