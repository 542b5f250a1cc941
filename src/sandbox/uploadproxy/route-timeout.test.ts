// The Route idle timeout of the sandbox's upload proxy: HAProxy time syntax as in cdi-operator's
// `haproxy.router.openshift.io/timeout: 60m` (kubevirt/containerized-data-importer
// pkg/operator/controller/route.go), default 60m, bad values refused naming the setting.
import { describe, expect, it } from 'vitest';
import { parseRouteTimeout, routeTimeoutMs, ROUTE_TIMEOUT_ENV } from './route-timeout';

describe('route timeout', () => {
  it('reads HAProxy time values', () => {
    expect(parseRouteTimeout('60m')).toBe(3_600_000);
    expect(parseRouteTimeout('30s')).toBe(30_000);
    expect(parseRouteTimeout('500ms')).toBe(500);
    expect(parseRouteTimeout('250')).toBe(250);
    expect(parseRouteTimeout('1h')).toBe(3_600_000);
  });
  it('defaults to the 60m cdi-operator puts on the Route', () => {
    expect(routeTimeoutMs({})).toBe(60 * 60_000);
    expect(routeTimeoutMs({ [ROUTE_TIMEOUT_ENV]: '2s' })).toBe(2000);
  });
  it('refuses what HAProxy would not take, naming the setting', () => {
    for (const bad of ['', '0', '-1s', '1.5s', '10 minutes', '5x']) {
      expect(() => parseRouteTimeout(bad)).toThrow(ROUTE_TIMEOUT_ENV);
    }
  });
});
