import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../index';

/** A sandbox without the simulated world (the machinery alone), in a fresh temp data dir. */
export const startBareSandbox = async (
  extra: Partial<StartSandboxOptions> = {},
): Promise<RunningSandbox & { dispose(): Promise<void> }> => {
  const dataDir = extra.dataDir ?? (await mkdtemp(join(tmpdir(), 'vm-disks-sandbox-')));
  const sandbox = await startSandbox({
    dataDir,
    world: false,
    quiet: true,
    bookmarkIntervalMs: 300,
    ...extra,
  });
  return {
    ...sandbox,
    async dispose() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A tiny JSON client for the sandbox API with a given bearer token. */
export const apiClient = (url: string, token: string | undefined) => {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': contentType } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, undefined, undefined, headers),
    post: <T = Record<string, unknown>>(path: string, body: unknown) => call<T>('POST', path, body),
    put: <T = Record<string, unknown>>(path: string, body: unknown) => call<T>('PUT', path, body),
    patch: <T = Record<string, unknown>>(path: string, body: unknown, type: string) =>
      call<T>('PATCH', path, body, type),
    del: <T = Record<string, unknown>>(path: string, body?: unknown) =>
      call<T>('DELETE', path, body),
  };
};

export const tokenOf = (sandbox: RunningSandbox, user: string): string => {
  const u = sandbox.users.find((x) => x.name === user);
  if (!u) throw new Error(`no user ${user}`);
  return u.token;
};

/**
 * Polls until `check` returns a value (not undefined); fails after `timeoutMs`. The default is generous
 * (just under Vitest's test timeout): a loaded CI machine is slow, and no test asserts on speed.
 */
export const eventually = async <T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 100_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
