import { allowedHostsFor, isAllowedHost, LOOPBACK_HOSTNAMES } from '../src/index.js';

describe('isAllowedHost', () => {
  it('accepts loopback hosts on any port, with or without a loopback origin', () => {
    for (const host of ['127.0.0.1:3101', 'localhost', 'LOCALHOST:80', '[::1]:3101']) {
      expect(isAllowedHost(host, undefined, LOOPBACK_HOSTNAMES)).toBe(true);
    }
    expect(isAllowedHost('127.0.0.1:3101', 'http://localhost:5173', LOOPBACK_HOSTNAMES)).toBe(true);
  });

  it('refuses foreign hosts, foreign origins, opaque origins and a missing host', () => {
    expect(isAllowedHost('evil.example.com', undefined, LOOPBACK_HOSTNAMES)).toBe(false);
    expect(isAllowedHost('127.0.0.1:3101', 'http://evil.example.com', LOOPBACK_HOSTNAMES)).toBe(false);
    expect(isAllowedHost('127.0.0.1:3101', 'null', LOOPBACK_HOSTNAMES)).toBe(false);
    expect(isAllowedHost(undefined, undefined, LOOPBACK_HOSTNAMES)).toBe(false);
  });

  it('uses a configured list, or skips the check for "any"', () => {
    expect(isAllowedHost('inventory-mcp:3101', undefined, ['inventory-mcp'])).toBe(true);
    expect(isAllowedHost('localhost:3101', undefined, ['inventory-mcp'])).toBe(false);
    expect(isAllowedHost('evil.example.com', 'http://evil.example.com', 'any')).toBe(true);
  });
});

describe('allowedHostsFor', () => {
  it('checks hosts only when bound to loopback, unless a list is configured', () => {
    expect(allowedHostsFor('127.0.0.1')).toBe(LOOPBACK_HOSTNAMES);
    expect(allowedHostsFor('[::1]')).toBe(LOOPBACK_HOSTNAMES);
    expect(allowedHostsFor('0.0.0.0')).toBe('any');
    expect(allowedHostsFor('0.0.0.0', 'svc,svc.internal')).toEqual(['svc', 'svc.internal']);
    expect(allowedHostsFor('127.0.0.1', '*')).toBe('any');
  });
});
