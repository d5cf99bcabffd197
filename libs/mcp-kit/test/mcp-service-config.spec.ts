import { ConfigError } from '@a2a-platform/service-kit';
import { loadMcpServiceConfig } from '../src/index.js';

const DEFAULTS = { port: 3101, dbFileName: 'inventory.db' };
const load = (env: Record<string, string | undefined>, cwd = '/srv/app') =>
  loadMcpServiceConfig(env, DEFAULTS, cwd);

describe('loadMcpServiceConfig', () => {
  it('applies the documented defaults', () => {
    expect(load({})).toEqual({
      port: 3101,
      host: '127.0.0.1',
      dbPath: '/srv/app/data/inventory.db',
      logLevel: 'info',
      allowedHosts: ['localhost', '127.0.0.1', '::1'],
      sessionIdleTimeoutMs: 1_800_000,
    });
  });

  it('checks hosts only when bound to loopback, unless ALLOWED_HOSTS says otherwise', () => {
    expect(load({ HOST: '0.0.0.0' }).allowedHosts).toBe('any');
    expect(load({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'svc,svc.internal' }).allowedHosts).toEqual([
      'svc',
      'svc.internal',
    ]);
    expect(load({ ALLOWED_HOSTS: '*' }).allowedHosts).toBe('any');
    expect(() => load({ ALLOWED_HOSTS: 'a b' })).toThrow(/ALLOWED_HOSTS/);
  });

  it('reads every variable, DB_PATH winning over DATA_DIR, empty values counting as unset', () => {
    const config = load({
      PORT: '4000',
      HOST: '0.0.0.0',
      DATA_DIR: 'var',
      DB_PATH: 'db/stock.sqlite',
      LOG_LEVEL: 'debug',
      SESSION_IDLE_TIMEOUT_MS: '60000',
      NODE_ENV: '',
    });
    expect(config).toEqual({
      port: 4000,
      host: '0.0.0.0',
      dbPath: '/srv/app/db/stock.sqlite',
      logLevel: 'debug',
      allowedHosts: 'any',
      sessionIdleTimeoutMs: 60_000,
    });
    expect(load({ DATA_DIR: '/var/lib/inv', PORT: '' }, '/x').dbPath).toBe('/var/lib/inv/inventory.db');
  });

  it('fails fast naming every invalid variable', () => {
    expect(() => load({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => load({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => load({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => load({ SESSION_IDLE_TIMEOUT_MS: '5' })).toThrow(/SESSION_IDLE_TIMEOUT_MS/);
    expect(() => load({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
