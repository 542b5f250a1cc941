/**
 * The idle timeout between a client and cdi-uploadproxy. On OpenShift the upload proxy is reached through
 * the Route cdi-operator creates (kubevirt/containerized-data-importer `pkg/operator/controller/route.go`:
 * annotation `haproxy.router.openshift.io/timeout: 60m`, "long timeout … during qcow->raw conversion"); the
 * router closes a connection on which nothing moved for that long. CDI itself sets no body timeout
 * (`pkg/uploadproxy/uploadproxy.go`: only `ReadHeaderTimeout` 10 s and a 24 h client timeout to the
 * upload server), so the route is what ends an idle upload POST.
 *
 * The sandbox publishes a bare host like a Route, and `VM_DISKS_SANDBOX_UPLOAD_ROUTE_TIMEOUT` plays the
 * annotation: same value syntax (HAProxy time format: a number with `us`, `ms`, `s`, `m`, `h` or `d`, no
 * unit = milliseconds), default `60m`.
 */
export const ROUTE_TIMEOUT_ENV = 'VM_DISKS_SANDBOX_UPLOAD_ROUTE_TIMEOUT';
const DEFAULT_ROUTE_TIMEOUT = '60m';

const UNIT_MS: Partial<Record<string, number>> = {
  us: 0.001,
  ms: 1,
  '': 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds of an HAProxy time value (`60m`, `30s`, `500ms`); throws naming the setting when unusable. */
export function parseRouteTimeout(value: string, setting = ROUTE_TIMEOUT_ENV): number {
  const m = /^(\d+)(us|ms|s|m|h|d|)$/.exec(value.trim());
  const ms = m ? Number(m[1]) * (UNIT_MS[m[2]] ?? Number.NaN) : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(
      `${setting}=${JSON.stringify(value)} is not an HAProxy time: use a positive number with us, ms, s, m, h or d (e.g. 60m, 30s)`,
    );
  }
  return Math.max(1, Math.round(ms));
}

export function routeTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return parseRouteTimeout(env[ROUTE_TIMEOUT_ENV] ?? DEFAULT_ROUTE_TIMEOUT);
}
