// The console SDK for component tests (vitest.config.ts aliases `@openshift-console/dynamic-plugin-sdk` here in the
// `components` project). The console provides the SDK at run time, so only it is replaced; every export has the
// real SDK's type, so a change of signature fails the type check here, not silently in a test.
// State is one in-memory cluster: watches see writes (useSyncExternalStore), updates check resourceVersion (409
// as the API server answers), access reviews answer from a deny list, discovery from `served`.
import { createElement, useSyncExternalStore, type FC } from 'react';
import type * as Sdk from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel, K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';

export interface StubCluster {
  objects: K8sResourceCommon[];
  /** API group → served versions (discovery through consoleFetchJSON `/api/kubernetes/apis/<group>`). */
  served: Record<string, string[]>;
  /** `verb resource` pairs (`update storageprofiles`) that access reviews and writes refuse. */
  denied: string[];
  activeNamespace: string;
  /** Every write, in order. */
  writes: { verb: 'create' | 'update' | 'patch' | 'delete'; object: K8sResourceCommon }[];
  /**
   * A real backend (its base URL and the bearer token the console's proxy would add): consoleFetchJSON sends
   * `/api/proxy/plugin/vm-disks-plugin/backend/…` there over HTTP.
   */
  backend?: { base: string; token: string };
}

let cluster: StubCluster = {
  objects: [],
  served: {},
  denied: [],
  activeNamespace: '#ALL_NS#',
  writes: [],
};
const listeners = new Set<() => void>();
let version = 0;

const changed = () => {
  version += 1;
  for (const listener of listeners) listener();
};

export const stubCluster = (): StubCluster => cluster;

export const resetStubCluster = (initial: Partial<StubCluster> = {}): StubCluster => {
  cluster = {
    objects: structuredClone(initial.objects ?? []),
    served: initial.served ?? {},
    denied: initial.denied ?? [],
    activeNamespace: initial.activeNamespace ?? '#ALL_NS#',
    writes: [],
    ...(initial.backend ? { backend: initial.backend } : {}),
  };
  changed();
  return cluster;
};

/** Changes an object as another client would (a concurrent edit): new resourceVersion, watches notified. */
export const editOnServer = (
  match: (o: K8sResourceCommon) => boolean,
  edit: (o: K8sResourceCommon) => K8sResourceCommon,
): void => {
  cluster.objects = cluster.objects.map((o) => (match(o) ? bump(edit(structuredClone(o))) : o));
  changed();
};

class StubHttpError extends Error {
  readonly response: { status: number };
  readonly json: { kind: 'Status'; code: number; reason: string; message: string };
  constructor(code: number, reason: string, message: string) {
    super(message);
    this.response = { status: code };
    this.json = { kind: 'Status', code, reason, message };
  }
}

const groupOf = (apiVersion = ''): string =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
const ofModel = (model: { apiGroup?: string; kind: string }) => (o: K8sResourceCommon) =>
  o.kind === model.kind && groupOf(o.apiVersion) === (model.apiGroup ?? '');
const named = (name?: string, namespace?: string) => (o: K8sResourceCommon) =>
  (name === undefined || o.metadata?.name === name) &&
  (namespace === undefined || o.metadata?.namespace === namespace);
const bump = (o: K8sResourceCommon): K8sResourceCommon => ({
  ...o,
  metadata: {
    ...o.metadata,
    resourceVersion: String(Number(o.metadata?.resourceVersion ?? 0) + 1),
  },
});
const refuse = (verb: string, model: K8sModel, namespace?: string) => {
  if (cluster.denied.includes(`${verb} ${model.plural}`)) {
    const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    throw new StubHttpError(
      403,
      'Forbidden',
      `${model.plural} is forbidden: User "stub" cannot ${verb} resource "${model.plural}" in API group "${model.apiGroup ?? ''}" ${where}`,
    );
  }
};
const find = (model: K8sModel, name?: string, namespace?: string) => {
  const found = cluster.objects.find((o) => ofModel(model)(o) && named(name, namespace)(o));
  if (!found) throw new StubHttpError(404, 'NotFound', `${model.plural} "${name ?? ''}" not found`);
  return found;
};
/** The SDK's calls are generic in the resource type the caller names; the stub holds plain objects. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- R is the caller's, inferred from the SDK signature
const typed = <R,>(value: unknown): R => value as R;

export const useK8sWatchResource: typeof Sdk.useK8sWatchResource = (resource) => {
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
  );
  if (!resource) return [typed(undefined), true, undefined];
  const gvk = resource.groupVersionKind;
  const kind = gvk?.kind ?? '';
  // `metadata.name=x` / `metadata.namespace=y` field selectors, the ones the plugin uses.
  const fields = new Map(
    (resource.fieldSelector ?? '')
      .split(',')
      .filter(Boolean)
      .map((term) => term.split('=') as [string, string]),
  );
  const matches = cluster.objects.filter(
    (o) =>
      ofModel({ kind, apiGroup: gvk?.group ?? '' })(o) &&
      named(
        resource.name ?? fields.get('metadata.name'),
        resource.namespace ?? fields.get('metadata.namespace'),
      )(o),
  );
  if (resource.isList) return [typed(matches), true, undefined];
  return matches[0]
    ? [typed(matches[0]), true, undefined]
    : [typed(undefined), true, new StubHttpError(404, 'NotFound', `${kind} not found`)];
};

export const useActiveNamespace: typeof Sdk.useActiveNamespace = () => [
  cluster.activeNamespace,
  (namespace: string) => {
    cluster.activeNamespace = namespace;
    changed();
  },
];

export const k8sGet: typeof Sdk.k8sGet = ({ model, name, ns }) =>
  Promise.resolve().then(() => {
    refuse('get', model, ns);
    return typed(structuredClone(find(model, name, ns)));
  });

export const k8sListItems: typeof Sdk.k8sListItems = ({ model }) =>
  Promise.resolve().then(() => {
    refuse('list', model);
    return typed(structuredClone(cluster.objects.filter(ofModel(model))));
  });

export const k8sCreate: typeof Sdk.k8sCreate = ({ model, data }) =>
  Promise.resolve().then(() => {
    refuse('create', model, data.metadata?.namespace);
    if (
      cluster.objects.some(
        (o) => ofModel(model)(o) && named(data.metadata?.name, data.metadata?.namespace)(o),
      )
    )
      throw new StubHttpError(
        409,
        'AlreadyExists',
        `${model.plural} "${data.metadata?.name ?? ''}" already exists`,
      );
    const created = bump(structuredClone(data));
    cluster.objects = [...cluster.objects, created];
    cluster.writes.push({ verb: 'create', object: created });
    changed();
    return typed(structuredClone(created));
  });

export const k8sUpdate: typeof Sdk.k8sUpdate = ({ model, data }) =>
  Promise.resolve().then(() => {
    const { name, namespace, resourceVersion } = data.metadata ?? {};
    refuse('update', model, namespace);
    const current = find(model, name, namespace);
    if (resourceVersion && resourceVersion !== current.metadata?.resourceVersion)
      throw new StubHttpError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${model.plural} "${name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    const updated = bump(structuredClone(data));
    cluster.objects = cluster.objects.map((o) => (o === current ? updated : o));
    cluster.writes.push({ verb: 'update', object: updated });
    changed();
    return typed(structuredClone(updated));
  });

export const checkAccess: typeof Sdk.checkAccess = ({ verb, resource, namespace }) =>
  Promise.resolve({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb, resource, namespace } },
    status: { allowed: !cluster.denied.includes(`${verb ?? ''} ${resource ?? ''}`) },
  });

const BACKEND_PROXY = '/api/proxy/plugin/vm-disks-plugin/backend';

/** The plugin's backend over real HTTP; a refusal throws with the body's `error` as the console's fetch does. */
async function backendJSON(url: string, method: string, body?: unknown): Promise<unknown> {
  const backend = cluster.backend;
  if (!backend) throw new StubHttpError(503, 'ServiceUnavailable', 'no backend in this test');
  const res = await fetch(`${backend.base}${url.slice(BACKEND_PROXY.length)}`, {
    method,
    headers: {
      authorization: `Bearer ${backend.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = (text ? JSON.parse(text) : {}) as { error?: string };
  if (!res.ok) {
    throw new StubHttpError(res.status, res.statusText, json.error ?? res.statusText);
  }
  return json;
}

/** Answers at once from the deny list (`verb resource`), as a review that has loaded. */
export const useAccessReview: typeof Sdk.useAccessReview = ({ verb, resource }) => [
  !cluster.denied.includes(`${verb ?? ''} ${resource ?? ''}`),
  false,
];

export const getGroupVersionKindForModel: typeof Sdk.getGroupVersionKindForModel = (model) => ({
  ...(model.apiGroup ? { group: model.apiGroup } : {}),
  version: model.apiVersion,
  kind: model.kind,
});

/** JSON patch `test`/`add`/`replace`/`remove` on plain paths (`/spec/template/spec/volumes/0/dataVolume/name`). */
const applyPatch = (target: unknown, op: { op: string; path: string; value?: unknown }) => {
  const keys = op.path
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop() ?? '';
  let parent = target as Record<string, unknown>;
  for (const key of keys) {
    parent[key] ??= {};
    parent = parent[key] as Record<string, unknown>;
  }
  if (op.op === 'test') {
    // JSON patch `test` (RFC 6902): the API server answers 422 when the value differs.
    if (JSON.stringify(parent[last]) !== JSON.stringify(op.value))
      throw new StubHttpError(422, 'Invalid', `the test of ${op.path} failed`);
    return;
  }
  if (op.op === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else Reflect.deleteProperty(parent, last);
  } else if (Array.isArray(parent) && last === '-') parent.push(op.value);
  else parent[last] = op.value;
};

export const k8sPatch: typeof Sdk.k8sPatch = ({ model, resource, data }) =>
  Promise.resolve().then(() => {
    const { name, namespace } = resource.metadata ?? {};
    refuse('patch', model, namespace);
    const current = find(model, name, namespace);
    const patched = structuredClone(current);
    for (const op of data) applyPatch(patched, op);
    const updated = bump(patched);
    cluster.objects = cluster.objects.map((o) => (o === current ? updated : o));
    cluster.writes.push({ verb: 'patch', object: updated });
    changed();
    return typed(structuredClone(updated));
  });

const fetchJSON = (url: string): Promise<unknown> =>
  Promise.resolve().then(() => {
    if (url.startsWith(BACKEND_PROXY)) return backendJSON(url, 'GET');
    const group = /^\/api\/kubernetes\/apis\/([^/]+)$/.exec(url)?.[1];
    const versions = group === undefined ? undefined : cluster.served[group];
    if (!versions?.length)
      throw new StubHttpError(404, 'NotFound', `the server could not find ${url}`);
    return { kind: 'APIGroup', name: group, versions: versions.map((v) => ({ version: v })) };
  });
const fetchWith =
  (method: string) =>
  (url: string, json?: unknown): Promise<unknown> =>
    url.startsWith(BACKEND_PROXY) ? backendJSON(url, method, json) : fetchJSON(url);

export const consoleFetchJSON = Object.assign(fetchJSON, {
  put: fetchWith('PUT'),
  post: fetchWith('POST'),
  patch: fetchWith('PATCH'),
  delete: fetchWith('DELETE'),
}) as typeof Sdk.consoleFetchJSON;

export const ResourceLink: typeof Sdk.ResourceLink = ({ name, namespace, children }) =>
  createElement('a', { href: `#${namespace ?? ''}/${name ?? ''}` }, name, children);
export const ListPageHeader: typeof Sdk.ListPageHeader = ({ title, children }) =>
  createElement('header', null, createElement('h1', null, title), children);
export const DocumentTitle: typeof Sdk.DocumentTitle = () => null;
/**
 * Monaco does not run in jsdom: a plain textarea with the editor's value and change callback. No editor ref:
 * the pages' Monaco markers are e2e's job.
 */
interface TextareaEditorProps {
  value?: string;
  onChange?: (value: string) => void;
}
const TextareaEditor: FC<TextareaEditorProps> = ({ value, onChange }) =>
  createElement('textarea', {
    'aria-label': 'YAML',
    value,
    onChange: (event: { target: { value: string } }) => {
      onChange?.(event.target.value);
    },
  });
export const CodeEditor = TextareaEditor as typeof Sdk.CodeEditor;
