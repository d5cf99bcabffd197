import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the port and database file of inventory-mcp', () => {
    expect(loadConfig({}, '/srv/app')).toMatchObject({ port: 3101, dbPath: '/srv/app/data/inventory.db' });
    expect(loadConfig({ DATA_DIR: '/var/lib/inventory-mcp' }, '/x').dbPath).toBe(
      '/var/lib/inventory-mcp/inventory.db',
    );
  });
});
