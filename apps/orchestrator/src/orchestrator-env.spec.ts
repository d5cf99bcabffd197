import { ConfigError, parseConfig } from '@a2a-platform/service-kit';
import { orchestratorEnvSchema } from './orchestrator-env.js';

describe('orchestratorEnvSchema', () => {
  it('defaults to the inventory and procurement agents on their ports, and 120 s per child call', () => {
    const env = parseConfig(orchestratorEnvSchema(), {});
    expect(env.PORT).toBe(3000);
    expect(env.AGENT_URLS).toEqual(['http://127.0.0.1:3001', 'http://127.0.0.1:3002']);
    expect(env.CHILD_TIMEOUT_MS).toBe(120_000);
  });

  it('splits AGENT_URLS, trims trailing slashes and drops repeats', () => {
    const env = parseConfig(orchestratorEnvSchema(), {
      AGENT_URLS: ' http://a.example/ , https://b.example:8443,http://a.example',
      CHILD_TIMEOUT_MS: '5000',
    });
    expect(env.AGENT_URLS).toEqual(['http://a.example', 'https://b.example:8443']);
    expect(env.CHILD_TIMEOUT_MS).toBe(5000);
  });

  it.each([
    [{ AGENT_URLS: 'not a url' }, 'AGENT_URLS'],
    [{ AGENT_URLS: ' , ' }, 'AGENT_URLS'],
    [{ CHILD_TIMEOUT_MS: '0' }, 'CHILD_TIMEOUT_MS'],
  ])('names the variable that is wrong (%o)', (vars, name) => {
    expect(() => parseConfig(orchestratorEnvSchema(), vars)).toThrow(ConfigError);
    expect(() => parseConfig(orchestratorEnvSchema(), vars)).toThrow(new RegExp(`${name}: `));
  });

  it('keeps the agent rules (no AUTH_MODE=off in production)', () => {
    expect(() => parseConfig(orchestratorEnvSchema(), { NODE_ENV: 'production', AUTH_MODE: 'off' })).toThrow(
      /AUTH_MODE/,
    );
  });
});
