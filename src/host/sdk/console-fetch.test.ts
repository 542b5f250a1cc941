import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFetchJSON, consoleFetchText } from './console-fetch';
import { HttpError } from './http-error';
import { k8sCreate, k8sDelete, k8sListItems, k8sPatch } from './k8s-crud';
import { PersistentVolumeClaimModel, PersistentVolumeModel } from './models/core-models';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const seen: Seen[] = [];
let server: Server;
let origin = '';
const realFetch = globalThis.fetch;

const forbidden = {
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message:
    'persistentvolumes is forbidden: User "developer" cannot list resource "persistentvolumes" in API group "" at the cluster scope',
  reason: 'Forbidden',
  code: 403,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/api/kubernetes/api/v1/persistentvolumes')) {
        res.statusCode = 403;
        res.end(JSON.stringify(forbidden));
      } else if (req.url === '/plain') {
        res.setHeader('Content-Type', 'text/plain');
        res.end('hello');
      } else if (req.method === 'GET') {
        res.end(
          JSON.stringify({
            apiVersion: 'v1',
            items: [{ metadata: { name: 'a', namespace: 'ns1' } }],
          }),
        );
      } else {
        res.end(body || '{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The SDK works with same-origin relative URLs; point them at the test server and provide the cookie.
  globalThis.fetch = (input, init) => realFetch(`${origin}${input as string}`, init);
  (globalThis as { document?: { cookie: string } }).document = {
    cookie: 'other=1; csrf-token=tok123',
  };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  delete (globalThis as { document?: unknown }).document;
  await new Promise((resolve) => server.close(resolve));
});

const last = (): Seen => {
  const entry = seen.at(-1);
  if (!entry) throw new Error('no request seen');
  return entry;
};

describe('consoleFetch over real HTTP', () => {
  it('throws HttpError with the API Status message, status and response', async () => {
    const error = await k8sListItems({ model: PersistentVolumeModel, queryParams: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    const httpError = error as HttpError;
    expect(httpError.message).toBe(forbidden.message);
    expect(httpError.code).toBe(403);
    expect(httpError.response?.status).toBe(403);
    expect(httpError.json).toMatchObject({ reason: 'Forbidden' });
  });

  it('lists items typed with the model kind and sends no CSRF header on GET', async () => {
    const items = await k8sListItems({
      model: PersistentVolumeClaimModel,
      queryParams: { ns: 'ns1', labelSelector: { matchLabels: { app: 'x' } } },
    });
    expect(items).toEqual([
      {
        kind: 'PersistentVolumeClaim',
        apiVersion: 'v1',
        metadata: { name: 'a', namespace: 'ns1' },
      },
    ]);
    expect(last().url).toBe(
      '/api/kubernetes/api/v1/namespaces/ns1/persistentvolumeclaims?labelSelector=app%3Dx',
    );
    expect(last().headers['x-csrftoken']).toBeUndefined();
  });

  it('creates with JSON and the CSRF header from the cookie', async () => {
    const created = await k8sCreate({
      model: PersistentVolumeClaimModel,
      data: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'b', namespace: 'ns2' },
      },
    });
    expect(created.metadata.name).toBe('b');
    expect(last()).toMatchObject({
      method: 'POST',
      url: '/api/kubernetes/api/v1/namespaces/ns2/persistentvolumeclaims',
    });
    expect(last().headers['x-csrftoken']).toBe('tok123');
    expect(last().headers['content-type']).toBe('application/json');
  });

  it('patches with a JSON patch body and content type', async () => {
    await k8sPatch({
      model: PersistentVolumeClaimModel,
      resource: { metadata: { name: 'b', namespace: 'ns2' } },
      data: [{ op: 'add', path: '/metadata/labels', value: { a: 'b' } }],
    });
    expect(last()).toMatchObject({
      method: 'PATCH',
      url: '/api/kubernetes/api/v1/namespaces/ns2/persistentvolumeclaims/b',
    });
    expect(last().headers['content-type']).toBe('application/json-patch+json');
    expect(JSON.parse(last().body)).toEqual([
      { op: 'add', path: '/metadata/labels', value: { a: 'b' } },
    ]);
  });

  it('deletes with the model propagation policy', async () => {
    await k8sDelete({
      model: { ...PersistentVolumeClaimModel, propagationPolicy: 'Foreground' },
      resource: { metadata: { name: 'b', namespace: 'ns2' } },
    });
    expect(last().method).toBe('DELETE');
    expect(JSON.parse(last().body)).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Foreground',
    });
  });

  it('returns text and JSON bodies', async () => {
    await expect(consoleFetchText('/plain')).resolves.toBe('hello');
    await expect(consoleFetchJSON.put('/echo', { x: 1 })).resolves.toEqual({ x: 1 });
  });
});
