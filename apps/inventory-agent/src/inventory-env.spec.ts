import { parseConfig } from '@a2a-platform/service-kit';
import { inventoryEnvSchema } from './inventory-env.js';

describe('inventoryEnvSchema', () => {
  it('defaults to port 3001 and the local inventory-mcp', () => {
    expect(parseConfig(inventoryEnvSchema('1.0.0'), {})).toMatchObject({
      PORT: 3001,
      SERVICE_NAME: 'inventory-agent',
      INVENTORY_MCP_URL: 'http://127.0.0.1:3101/mcp',
    });
  });

  it('names a bad INVENTORY_MCP_URL and keeps the agent contract checks', () => {
    expect(() => parseConfig(inventoryEnvSchema('1.0.0'), { INVENTORY_MCP_URL: 'nope' })).toThrow(
      /INVENTORY_MCP_URL/,
    );
    expect(() => parseConfig(inventoryEnvSchema('1.0.0'), { TASK_STORE: 'redis' })).toThrow(/REDIS_URL/);
  });
});
