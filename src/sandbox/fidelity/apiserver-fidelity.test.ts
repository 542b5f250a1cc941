// The API server's answers to malformed or unusual requests, over HTTP and real kubectl, checked
// against kubernetes/kubernetes:
// - staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go (`transformDecodeError`,
//   `limitedReadBody` with MaxRequestBodyBytes = 3 MiB) and create.go/update.go/patch.go/delete.go
//   (options validated before the body is read),
// - staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (`ValidateDryRun`),
// - encoding/json as vendored in sigs.k8s.io/json (`cannot unmarshal … into Go struct field`,
//   `exceeded max depth` at 10000),
// - staging/src/k8s.io/apiserver/pkg/storage/cacher (a watch from a future resourceVersion stays
//   silent until a change passes it; initial events and lists wait 3 s, then 504 Timeout with
//   cause ResourceVersionTooLarge, pkg/storage/errors.go).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startBareSandbox } from '../test-support/bare-sandbox';
import { KUBECTL } from '../world/testing/harness';

type Sandbox = Awaited<ReturnType<typeof startBareSandbox>>;

interface Status {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
  details?: {
    causes?: { reason: string; message: string; field?: string }[];
    retryAfterSeconds?: number;
  };
}

interface Ev {
  type: string;
  object: Status & { metadata?: { name?: string; resourceVersion?: string } };
}

let sb: Sandbox;
let admin: ReturnType<typeof apiClient>;
let kubeconfig: string;

beforeAll(async () => {
  sb = await startBareSandbox({ bookmarkIntervalMs: 100 });
  admin = apiClient(sb.url, sb.adminToken);
  kubeconfig = path.join(sb.dataDir, 'kubeconfig');
  await sb.writeKubeconfig(kubeconfig, 'admin');
});
afterAll(async () => {
  await sb.dispose();
});

const CMS = '/api/v1/namespaces/default/configmaps';

const kubectl = (args: string[], input?: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      KUBECTL,
      ['--kubeconfig', kubeconfig, ...args],
      (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });

const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data: { a: 'b' },
  ...extra,
});

/** Reads watch events (chunked HTTP) until `until` holds or the stream ends. */
async function streamEvents(
  query: string,
  until: (events: Ev[]) => boolean,
  onOpen?: () => Promise<void>,
): Promise<Ev[]> {
  const controller = new AbortController();
  const res = await fetch(`${sb.url}${CMS}?${query}`, {
    headers: { Authorization: `Bearer ${sb.adminToken}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  const events: Ev[] = [];
  let buf = '';
  if (onOpen) await onOpen();
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim()) events.push(JSON.parse(line) as Ev);
      }
    }
  } finally {
    controller.abort();
  }
  return events;
}

const currentRv = async (): Promise<number> =>
  Number(
    (await admin.get<{ metadata: { resourceVersion: string } }>(CMS)).body.metadata.resourceVersion,
  );

describe('API server decoding (k8s.io/apiserver handlers/rest.go, sigs.k8s.io/json)', () => {
  it('refuses non-string annotations, labels and ConfigMap data with 400, storing nothing', async () => {
    const ann = await admin.post<Status>(
      CMS,
      cm('bad-ann', { metadata: { name: 'bad-ann', annotations: { a: 1 } } }),
    );
    expect(ann.status).toBe(400);
    expect(ann.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message:
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of type string',
    });
    const labels = await admin.post<Status>(
      CMS,
      cm('bad-labels', { metadata: { name: 'bad-labels', labels: { a: true } } }),
    );
    expect(labels.status).toBe(400);
    expect(labels.body.message).toContain(
      'cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    );
    const data = await admin.post<Status>(CMS, cm('bad-data', { data: { size: 5 } }));
    expect(data.status).toBe(400);
    expect(data.body.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    );
    expect((await admin.get(`${CMS}/bad-data`)).status).toBe(404);
    const viaKubectl = await kubectl(
      ['create', '-f', '-'],
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad-kubectl\n  namespace: default\ndata:\n  size: 5\n',
    );
    expect(viaKubectl.code).not.toBe(0);
    expect(viaKubectl.stderr).toContain(
      'cannot unmarshal number into Go struct field ConfigMap.data of type string',
    );
    // A patch that would store a number is refused the same way.
    await admin.post(CMS, cm('good'));
    const patch = await admin.patch<Status>(
      `${CMS}/good`,
      { metadata: { annotations: { n: 2 } } },
      'application/merge-patch+json',
    );
    expect(patch.status).toBe(400);
  });

  it('answers a JSON body nested 100,000 deep with 400 and no internal message', async () => {
    const deep = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    const res = await admin.post<Status>(CMS, deep);
    expect(res.status).toBe(400);
    expect(res.body.reason).toBe('BadRequest');
    expect(res.body.message).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: exceeded max depth ({"apiVersion":"v1","kind":"Con ...)',
    );
    expect(res.body.message).not.toMatch(/internal|stack/i);
  });

  it('answers a 20 MiB body with a 413 Status instead of resetting the connection', async () => {
    const big = JSON.stringify(cm('huge', { data: { blob: 'x'.repeat(20 * 1024 * 1024) } }));
    const res = await admin.post<Status>(CMS, big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: limit is 3145728',
      code: 413,
    });
    // The connection stays usable: the next request on the same client succeeds.
    expect((await admin.get(CMS)).status).toBe(200);
  });
});

describe('dryRun (apimachinery validation.go ValidateDryRun)', () => {
  it('refuses any dryRun value other than All with 422, creating nothing', async () => {
    const res = await admin.post<Status>(`${CMS}?dryRun=bogus`, cm('dry-bogus'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      reason: 'Invalid',
      message:
        'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"bogus"}: supported values: "All"',
    });
    expect((await admin.get(`${CMS}/dry-bogus`)).status).toBe(404);
    const del = await admin.del<Status>(`${CMS}/whatever?dryRun=true`);
    expect(del.status).toBe(422);
    expect(del.body.message).toContain('DeleteOptions.meta.k8s.io "" is invalid: dryRun');
  });

  it('dryRun=All answers as the write would and persists nothing, for create, update, patch and delete', async () => {
    const created = await admin.post<{ metadata: { name: string } }>(
      `${CMS}?dryRun=All`,
      cm('dry-create'),
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata.name).toBe('dry-create');
    expect((await admin.get(`${CMS}/dry-create`)).status).toBe(404);

    await admin.post(CMS, cm('dry-target'));
    const current = await admin.get<{ metadata: { resourceVersion: string } }>(`${CMS}/dry-target`);
    const put = await admin.put<{ data: Record<string, string> }>(`${CMS}/dry-target?dryRun=All`, {
      ...cm('dry-target'),
      metadata: { name: 'dry-target', resourceVersion: current.body.metadata.resourceVersion },
      data: { a: 'changed' },
    });
    expect(put.status).toBe(200);
    expect(put.body.data.a).toBe('changed');
    const patched = await admin.patch<{ data: Record<string, string> }>(
      `${CMS}/dry-target?dryRun=All`,
      { data: { a: 'patched' } },
      'application/merge-patch+json',
    );
    expect(patched.status).toBe(200);
    expect(patched.body.data.a).toBe('patched');
    expect((await admin.del(`${CMS}/dry-target?dryRun=All`)).status).toBe(200);
    const after = await admin.get<{
      data: Record<string, string>;
      metadata: { resourceVersion: string };
    }>(`${CMS}/dry-target`);
    expect(after.status).toBe(200);
    expect(after.body.data.a).toBe('b');
    expect(after.body.metadata.resourceVersion).toBe(current.body.metadata.resourceVersion);
  });
});

describe('reads at a future resourceVersion (k8s.io/apiserver pkg/storage/cacher)', () => {
  it('a watch from a future resourceVersion delivers only changes newer than it', async () => {
    const rv = await currentRv();
    const events = await streamEvents(
      `watch=1&resourceVersion=${String(rv + 2)}`,
      (evs) => evs.length > 0,
      async () => {
        for (const n of ['fut-1', 'fut-2', 'fut-3']) await admin.post(CMS, cm(n));
      },
    );
    expect(events[0]?.type).toBe('ADDED');
    expect(events[0]?.object.metadata?.name).toBe('fut-3');
    expect(Number(events[0]?.object.metadata?.resourceVersion)).toBeGreaterThan(rv + 2);
  });

  it('initial events from a resourceVersion never reached end with a 504 Timeout ResourceVersionTooLarge', async () => {
    const rv = await currentRv();
    const events = await streamEvents(
      `watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=${String(rv + 1000)}`,
      (evs) => evs.some((e) => e.type === 'ERROR'),
    );
    const err = events.find((e) => e.type === 'ERROR');
    expect(err?.object).toMatchObject({
      kind: 'Status',
      code: 504,
      reason: 'Timeout',
      details: {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      },
    });
    expect(err?.object.message).toMatch(
      new RegExp(`^Timeout: Too large resource version: ${String(rv + 1000)}, current: \\d+$`),
    );
  });

  it('a list at a resourceVersion never reached answers 504 Timeout ResourceVersionTooLarge', async () => {
    const rv = await currentRv();
    const res = await admin.get<Status>(`${CMS}?resourceVersion=${String(rv + 1000)}`);
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({
      reason: 'Timeout',
      details: { causes: [{ reason: 'ResourceVersionTooLarge' }] },
    });
  });
});
