// Turns the error of a failed watch or request into something a person can act on: for a 403 the missing
// permission (verb, resource, scope), for a missing API the fact that it is not installed, else the API message.
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';

export interface RequestContext {
  model: K8sModel;
  /** The verb that was attempted; a watch needs `list` and `watch`, the first one refused is reported. */
  verb: string;
  /** `undefined` for cluster-scoped requests and for namespaced kinds across all namespaces. */
  namespace?: string;
}

export type Scope = { kind: 'cluster' } | { kind: 'namespace'; namespace: string };

export type LoadErrorDescription =
  | {
      kind: 'forbidden';
      verb: string;
      /** The plural resource name, e.g. `persistentvolumes`. */
      resource: string;
      /** The API group, `''` for the core group. */
      group: string;
      scope: Scope;
      /** The API server's message, as sent. */
      message: string;
    }
  | { kind: 'not-found'; message: string }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'other'; status: number | undefined; message: string };

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;

/** The HTTP status carried by an SDK error (`response.status`, `code`, or the Status body's `code`). */
export const statusOf = (error: unknown): number | undefined => {
  const record = asRecord(error);
  if (!record) return undefined;
  const response = asRecord(record.response);
  if (typeof response?.status === 'number') return response.status;
  if (typeof record.code === 'number') return record.code;
  const json = asRecord(record.json);
  if (typeof json?.code === 'number') return json.code;
  if (typeof record.status === 'number') return record.status;
  return undefined;
};

/** The most specific message: the Status body's `message`, else the error's own. */
export const messageOf = (error: unknown): string => {
  const record = asRecord(error);
  if (!record) return typeof error === 'string' ? error : String(error);
  const json = asRecord(record.json);
  if (typeof json?.message === 'string' && json.message) return json.message;
  if (typeof record.message === 'string' && record.message) return record.message;
  return String(error);
};

const FORBIDDEN =
  /cannot ([a-z]+) resource "([^"]+)" in API group "([^"]*)"(?: (?:at the cluster scope|in the namespace "([^"]+)"))?/;

/** Describes a load error; `context` fills what the server's message does not say. */
export const describeLoadError = (
  error: unknown,
  context: RequestContext,
): LoadErrorDescription => {
  const status = statusOf(error);
  const message = messageOf(error);
  if (status === 403) {
    const match = FORBIDDEN.exec(message);
    if (match) {
      const [, verb = context.verb, plural = context.model.plural, group = '', namespace] = match;
      const resource = plural.split('/')[0] ?? plural;
      return {
        kind: 'forbidden',
        verb,
        resource,
        group,
        scope: namespace ? { kind: 'namespace', namespace } : scopeOf(message, context),
        message,
      };
    }
    return {
      kind: 'forbidden',
      verb: context.verb,
      resource: context.model.plural,
      group: context.model.apiGroup ?? '',
      scope: context.namespace
        ? { kind: 'namespace', namespace: context.namespace }
        : { kind: 'cluster' },
      message,
    };
  }
  if (status === 404 || /model does not exist|no model/i.test(message)) {
    return { kind: 'not-found', message };
  }
  if (status === 401) return { kind: 'unauthorized', message };
  return { kind: 'other', status, message };
};

const scopeOf = (message: string, context: RequestContext): Scope => {
  if (/at the cluster scope/.test(message)) return { kind: 'cluster' };
  return context.namespace
    ? { kind: 'namespace', namespace: context.namespace }
    : { kind: 'cluster' };
};

/** `persistentvolumes` or `datavolumes.cdi.kubevirt.io` — how RBAC rules and `oc auth can-i` name a resource. */
export const qualifiedResource = (resource: string, group: string): string =>
  group ? `${resource}.${group}` : resource;
