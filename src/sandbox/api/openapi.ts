import { createHash } from 'node:crypto';
import type { ResourceType } from '../contract';
import type { TypeRegistry } from '../store/registry';
import { KUBE_VERSION } from './discovery';
import type { V2Document, V2Schema } from './openapi-v2-protobuf';

/**
 * OpenAPI documents, as much as kubectl needs: v3 per group-version with every resource path and
 * its operations (PATCH advertises `fieldValidation`, so kubectl validates server-side), and v2 with
 * the custom kinds' open schemas (JSON, or protobuf when asked): kubectl validates create-only kinds,
 * which have no PATCH to verify server-side validation with, against the v2 document on the client.
 */
export const openApiV2 = (registry: TypeRegistry): V2Document => {
  const definitions: Record<string, V2Schema> = {};
  for (const g of registry.groups()) {
    for (const version of g.versions) {
      for (const t of registry.typesIn(g.group, version)) {
        if (!registry.isBuiltin(t))
          definitions[schemaName(t, version)] = customKindSchema(t, version);
      }
    }
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: KUBE_VERSION.gitVersion },
    definitions,
  };
};

const gvPath = (group: string, version: string): string =>
  group === '' ? `api/${version}` : `apis/${group}/${version}`;

const hashOf = (s: string): string =>
  createHash('sha256').update(s).digest('hex').slice(0, 32).toUpperCase();

export const openApiV3Root = (registry: TypeRegistry): object => {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const g of registry.groups()) {
    for (const v of g.versions) {
      const p = gvPath(g.group, v);
      const doc = JSON.stringify(openApiV3GroupVersion(registry, g.group, v));
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(doc)}` };
    }
  }
  return { paths };
};

const queryParam = (name: string, type = 'string'): object => ({
  name,
  in: 'query',
  description: name,
  schema: { type, uniqueItems: true },
});

const schemaName = (t: ResourceType, version: string): string =>
  `${t.group === '' ? 'io.k8s.api.core' : t.group.split('.').reverse().join('.')}.${version}.${t.kind}`;

/** An open schema, like a CRD with `x-kubernetes-preserve-unknown-fields`. */
const customKindSchema = (t: ResourceType, version: string): V2Schema => ({
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
  'x-kubernetes-group-version-kind': [{ group: t.group, version, kind: t.kind }],
});

const operations = (t: ResourceType, version: string, item: boolean): object => {
  const gvk = { group: t.group, version, kind: t.kind };
  const ref = { $ref: `#/components/schemas/${schemaName(t, version)}` };
  const ok = { description: 'OK', content: { 'application/json': { schema: ref } } };
  const common = { 'x-kubernetes-group-version-kind': gvk, tags: [t.plural] };
  const write = [queryParam('dryRun'), queryParam('fieldManager'), queryParam('fieldValidation')];
  if (!item) {
    return {
      get: {
        ...common,
        operationId: `list${t.kind}`,
        'x-kubernetes-action': 'list',
        responses: { '200': ok },
      },
      post: {
        ...common,
        operationId: `create${t.kind}`,
        'x-kubernetes-action': 'post',
        parameters: write,
        responses: { '201': ok },
      },
    };
  }
  return {
    get: {
      ...common,
      operationId: `read${t.kind}`,
      'x-kubernetes-action': 'get',
      responses: { '200': ok },
    },
    put: {
      ...common,
      operationId: `replace${t.kind}`,
      'x-kubernetes-action': 'put',
      parameters: write,
      responses: { '200': ok },
    },
    patch: {
      ...common,
      operationId: `patch${t.kind}`,
      'x-kubernetes-action': 'patch',
      parameters: [...write, queryParam('force', 'boolean')],
      responses: { '200': ok },
    },
    delete: {
      ...common,
      operationId: `delete${t.kind}`,
      'x-kubernetes-action': 'delete',
      responses: { '200': ok },
    },
  };
};

export const openApiV3GroupVersion = (
  registry: TypeRegistry,
  group: string,
  version: string,
): object => {
  const paths: Record<string, object> = {};
  const schemas: Record<string, object> = {};
  for (const t of registry.typesIn(group, version)) {
    const base = `/${gvPath(group, version)}`;
    const collection = t.namespaced
      ? `${base}/namespaces/{namespace}/${t.plural}`
      : `${base}/${t.plural}`;
    paths[collection] = operations(t, version, false);
    if (!t.virtual) paths[`${collection}/{name}`] = operations(t, version, true);
    // Built-in kinds are not described (kubectl then uses its compiled-in types for patches);
    // custom kinds get an open schema.
    if (!registry.isBuiltin(t)) schemas[schemaName(t, version)] = customKindSchema(t, version);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBE_VERSION.gitVersion },
    paths,
    components: { schemas },
  };
};
