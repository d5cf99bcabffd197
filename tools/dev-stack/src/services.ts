/** One service of the local stack. */
export interface ServiceSpec {
  readonly name: string;
  /** Built entry point, relative to the repository root. */
  readonly entry: string;
  readonly port: number;
  readonly env: Record<string, string>;
}

export interface StackSettings {
  dataDir: string;
  redisUrl?: string;
  logLevel: string;
}

const url = (port: number) => `http://127.0.0.1:${port}`;

/** The five services on their default ports, in start order (MCP servers first, orchestrator last). */
export function stackServices(settings: StackSettings): ServiceSpec[] {
  const common: Record<string, string> = {
    HOST: '127.0.0.1',
    LOG_LEVEL: settings.logLevel,
    LOG_PRETTY: 'false',
    NODE_ENV: 'development',
    ...(settings.redisUrl ? { REDIS_URL: settings.redisUrl } : {}),
  };
  return [
    {
      name: 'inventory-mcp',
      entry: 'apps/inventory-mcp/dist/main.js',
      port: 3101,
      env: { ...common, PORT: '3101', DATA_DIR: settings.dataDir },
    },
    {
      name: 'erp-mcp',
      entry: 'apps/erp-mcp/dist/main.js',
      port: 3102,
      env: { ...common, PORT: '3102', DATA_DIR: settings.dataDir },
    },
    {
      name: 'inventory-agent',
      entry: 'apps/inventory-agent/dist/main.js',
      port: 3001,
      env: { ...common, PORT: '3001', INVENTORY_MCP_URL: `${url(3101)}/mcp` },
    },
    {
      name: 'procurement-agent',
      entry: 'apps/procurement-agent/dist/main.js',
      port: 3002,
      env: { ...common, PORT: '3002', ERP_MCP_URL: `${url(3102)}/mcp` },
    },
    {
      name: 'orchestrator',
      entry: 'apps/orchestrator/dist/main.js',
      port: 3000,
      env: { ...common, PORT: '3000', AGENT_URLS: `${url(3001)},${url(3002)}` },
    },
  ];
}

export { url as serviceUrl };
