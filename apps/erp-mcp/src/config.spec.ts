import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the port and database file of erp-mcp', () => {
    expect(loadConfig({}, '/srv/app')).toMatchObject({ port: 3102, dbPath: '/srv/app/data/erp.db' });
    expect(loadConfig({ DATA_DIR: '/var/lib/erp-mcp' }, '/x').dbPath).toBe('/var/lib/erp-mcp/erp.db');
  });
});
