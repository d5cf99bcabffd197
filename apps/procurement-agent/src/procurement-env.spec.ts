import { ConfigError, parseConfig } from '@a2a-platform/service-kit';
import { procurementEnvSchema } from './procurement-env.js';

describe('procurementEnvSchema', () => {
  it('defaults to port 3002, the local erp-mcp and a 5000 EUR threshold', () => {
    expect(parseConfig(procurementEnvSchema('1.0.0'), {})).toMatchObject({
      PORT: 3002,
      SERVICE_NAME: 'procurement-agent',
      ERP_MCP_URL: 'http://127.0.0.1:3102/mcp',
      APPROVAL_THRESHOLD_EUR: 5000,
    });
  });

  it('reads the threshold and names bad variables', () => {
    expect(parseConfig(procurementEnvSchema('1.0.0'), { APPROVAL_THRESHOLD_EUR: '250.5' })).toMatchObject({
      APPROVAL_THRESHOLD_EUR: 250.5,
    });
    expect(() => parseConfig(procurementEnvSchema('1.0.0'), { APPROVAL_THRESHOLD_EUR: '-1' })).toThrow(
      ConfigError,
    );
    expect(() => parseConfig(procurementEnvSchema('1.0.0'), { ERP_MCP_URL: 'not a url' })).toThrow(
      /ERP_MCP_URL/,
    );
  });

  it('keeps the agent contract checks', () => {
    expect(() => parseConfig(procurementEnvSchema('1.0.0'), { TASK_STORE: 'redis' })).toThrow(/REDIS_URL/);
  });
});
