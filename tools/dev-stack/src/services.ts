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
  /** Ports by service name; the defaults are the runtime contract's. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Extra environment for every service (the OTLP endpoint...); the stack's wiring and `extraEnv` win over it. */
  commonEnv?: Record<string, string>;
  /** Extra environment by service name (tests use it for thresholds and timeouts). */
  extraEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

export type ServiceName =
  | 'inventory-mcp'
  | 'erp-mcp'
  | 'inventory-agent'
  | 'procurement-agent'
  | 'orchestrator';

export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  'inventory-mcp': 3101,
  'erp-mcp': 3102,
  'inventory-agent': 3001,
  'procurement-agent': 3002,
  orchestrator: 3000,
};

const url = (port: number) => `http://127.0.0.1:${port}`;

/** The five services, in start order (MCP servers first, orchestrator last). */
export function stackServices(settings: StackSettings): ServiceSpec[] {
  const port = (name: ServiceName) => settings.ports?.[name] ?? DEFAULT_PORTS[name];
  const common: Record<string, string> = {
    HOST: '127.0.0.1',
    LOG_LEVEL: settings.logLevel,
    LOG_PRETTY: 'false',
    NODE_ENV: 'development',
    ...(settings.redisUrl ? { REDIS_URL: settings.redisUrl } : {}),
  };
  const own: Record<ServiceName, Record<string, string>> = {
    'inventory-mcp': { DATA_DIR: settings.dataDir },
    'erp-mcp': { DATA_DIR: settings.dataDir },
    'inventory-agent': { INVENTORY_MCP_URL: `${url(port('inventory-mcp'))}/mcp` },
    'procurement-agent': { ERP_MCP_URL: `${url(port('erp-mcp'))}/mcp` },
    orchestrator: { AGENT_URLS: `${url(port('inventory-agent'))},${url(port('procurement-agent'))}` },
  };
  const order: ServiceName[] = [
    'inventory-mcp',
    'erp-mcp',
    'inventory-agent',
    'procurement-agent',
    'orchestrator',
  ];
  return order.map((name) => ({
    name,
    entry: `apps/${name}/dist/main.js`,
    port: port(name),
    env: {
      ...common,
      // Read by the telemetry bootstrap too: the resource's service.name in traces and metrics.
      SERVICE_NAME: name,
      ...settings.commonEnv,
      ...own[name],
      PORT: String(port(name)),
      ...settings.extraEnv?.[name],
    },
  }));
}

export { url as serviceUrl };
