/**
 * Standalone DNS-rebinding guard (issue 13, break 1): the bridge stand-in answers only for loopback host names
 * (`localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`, any port) and for the host of an explicit
 * `--public-url`. A page on `rebind.attacker.example` whose name later resolves to 127.0.0.1 is same-origin
 * with itself, not with us: its requests carry its own Host, and are refused here before anything else runs.
 */

export interface HostPolicy {
  /** `host[:port]` of `--public-url`, lower case; undefined when none was given. */
  publicHost?: string;
}

function splitHost(host: string): { name: string; port: string } | undefined {
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(host);
  if (bracketed) {
    const [, address = '', port = ''] = bracketed;
    return { name: `[${address}]`.toLowerCase(), port };
  }
  const plain = /^([a-z0-9.-]+)(?::(\d+))?$/i.exec(host);
  if (plain) {
    const [, name = '', port = ''] = plain;
    return { name: name.toLowerCase().replace(/\.$/, ''), port };
  }
  return undefined;
}

function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]' || name === '[0:0:0:0:0:0:0:1]') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return Boolean(v4?.slice(1).every((part) => Number(part) <= 255));
}

/** Why the Host is refused, or undefined when this server answers for it. */
export function hostRefusal(host: string | undefined, policy: HostPolicy): string | undefined {
  if (!host) return 'the request has no Host header';
  const parts = splitHost(host.trim());
  if (parts && isLoopbackName(parts.name)) return undefined;
  if (policy.publicHost && host.trim().toLowerCase() === policy.publicHost) return undefined;
  return (
    `this server answers only for loopback host names${policy.publicHost ? ` and ${policy.publicHost}` : ''}, ` +
    `not ${JSON.stringify(host)} (DNS rebinding protection); open it as http://localhost:PORT, or start it ` +
    'with --public-url URL for the address you use'
  );
}
