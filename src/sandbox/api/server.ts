import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parse as parseYaml } from 'yaml';
import type { KubeObject, ResourceAttributes, ResourceType, UserInfo } from '../contract';
import type { Authenticator } from '../auth/users';
import { forbiddenMessage, type RbacAuthorizer } from '../auth/rbac';
import type { DeleteOptions, SandboxStore, WriteOptions } from '../store/store';
import { joinApiVersion, listKindOf, type TypeRegistry } from '../store/registry';
import { compileFilter } from '../store/selectors';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, KUBE_VERSION } from './discovery';
import { openApiV2, openApiV3GroupVersion, openApiV3Root } from './openapi';
import {
  encodeOpenApiV2,
  OPENAPI_V2_PROTOBUF,
  OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
} from './openapi-v2-protobuf';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { bearerToken, parseResourceRequest, readBody, type ResourceRequest } from './request';
import {
  ApiError,
  invalidError,
  isApiError,
  notFoundError,
  tooLargeResourceVersionError,
} from './status';
import { warningHeaders } from './warnings';
import { checkStringMaps, dryRunError, exceedsJsonDepth, tooDeepError } from './decode';
import { toTable, wantsTable, type IncludeObject } from './table';
import { runWatch, waitForResourceVersion, type WatchEvent, type WatchSink } from './watch';
import { synthesizeCrds } from './crds';
import { decodeProtobufObject } from './protobuf';
import type { AuditLog } from './audit';
import {
  checkServicePort,
  parseServiceProxyPath,
  proxyVerb,
  type ServiceBackends,
  type ServiceProxyTarget,
} from './service-proxy';

export interface ApiServerDeps {
  store: SandboxStore;
  registry: TypeRegistry;
  authn: Authenticator;
  rbac: RbacAuthorizer;
  bookmarkIntervalMs: number;
  startedAt: string;
  /** Serving HTTPS (tokens are required; no loopback `as:` identification). */
  tls: boolean;
  /** Where resource requests are recorded (who did what); none when absent. */
  audit?: AuditLog;
  /** Pods behind Services, for the service proxy; none: every proxied Service answers 503. */
  serviceBackends?: ServiceBackends;
}

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };

const sendJson = (
  res: ServerResponse,
  code: number,
  body: unknown,
  warnings: string[] = [],
): void => {
  const text = JSON.stringify(body);
  if (warnings.length > 0) res.setHeader('Warning', warningHeaders(warnings));
  res.writeHead(code, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
};

const sendError = (res: ServerResponse, e: unknown): void => {
  if (isApiError(e)) {
    sendJson(res, e.code, e.status);
    return;
  }
  console.error('sandbox: internal error', e);
  const message = e instanceof Error ? e.message : String(e);
  const err = new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
  sendJson(res, 500, err.status);
};

const unauthorized = (): ApiError => new ApiError(401, 'Unauthorized', 'Unauthorized');

const statusSuccess = (details: object): object => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  details,
});

const parseBody = (buf: Buffer, contentType: string | undefined, kind?: string): unknown => {
  if (contentType?.includes('protobuf')) {
    const decoded = decodeProtobufObject(buf);
    if (decoded) return decoded;
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  const text = buf.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    if (contentType && /yaml/.test(contentType)) return parseYaml(text) as unknown;
    if (kind !== undefined && exceedsJsonDepth(text)) throw tooDeepError(kind, buf);
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (isApiError(e)) throw e;
    throw new ApiError(
      400,
      'BadRequest',
      `the object provided is unrecognized (must be of type ${contentType?.includes('yaml') ? 'YAML' : 'JSON'}): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
};

const asObject = (v: unknown): KubeObject => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ApiError(400, 'BadRequest', 'the body of the request must be a JSON object');
  }
  const o = v as KubeObject;
  const meta: unknown = o.metadata;
  if (meta === undefined || meta === null) o.metadata = {};
  return o;
};

/** The Kubernetes HTTP API over the store: routing, authn/authz, CRUD, patch, watch, discovery. */
export class ApiServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => {
      for (const p of protocols)
        if (!p.startsWith('base64url.bearer.authorization.k8s.io.')) return p;
      return false;
    },
  });
  private readonly sockets = new Set<WebSocket>();
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly deps: ApiServerDeps) {}

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    for (const res of this.streams) res.end();
    this.wss.close();
  }

  // ---- identity ----

  private authenticate(req: IncomingMessage): UserInfo {
    const token = bearerToken(req);
    const impersonate = req.headers['impersonate-user'];
    let user = this.deps.authn.authenticate(token);
    if (!user && token === undefined && !this.deps.tls && typeof impersonate === 'string') {
      // Plain HTTP: kubectl never sends a bearer token over http, so its kubeconfig names the user with
      // `as:` (Impersonate-User) and carries that user's token in `as-user-extra: {sandbox-token: [...]}`
      // (sent as Impersonate-Extra-Sandbox-Token). The name alone proves nothing (issue 13, break 1: any local
      // page or process could send `Impersonate-User: admin`): the token must be that user's.
      const extra = req.headers['impersonate-extra-sandbox-token'];
      const proof = this.deps.authn.authenticate(typeof extra === 'string' ? extra : undefined);
      if (proof?.name === impersonate) user = proof;
    }
    if (!user) throw unauthorized();
    this.deps.audit?.identify(req, user.name);
    let info: UserInfo = { username: user.name, groups: user.groups };
    if (typeof impersonate === 'string' && impersonate !== '' && impersonate !== user.name) {
      const decision = this.deps.rbac.authorize(info, {
        verb: 'impersonate',
        group: '',
        resource: 'users',
        name: impersonate,
      });
      if (!decision.allowed) {
        throw new ApiError(
          403,
          'Forbidden',
          `users "${impersonate}" is forbidden: User "${info.username}" cannot impersonate resource "users" in API group "" at the cluster scope`,
        );
      }
      const rawGroups = req.headers['impersonate-group'];
      const groups = Array.isArray(rawGroups) ? rawGroups : rawGroups ? [rawGroups] : undefined;
      const known = this.deps.authn.find(impersonate);
      info = {
        username: impersonate,
        groups: [...new Set([...(groups ?? known?.groups ?? []), 'system:authenticated'])],
      };
      this.deps.audit?.identify(req, impersonate);
    }
    return info;
  }

  private authorize(user: UserInfo, r: ResourceRequest, nameOverride?: string): void {
    const attrs: ResourceAttributes = {
      verb: r.verb,
      group: r.group,
      resource: r.type.plural,
      ...(r.subresource ? { subresource: r.subresource } : {}),
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...((nameOverride ?? r.name) ? { name: nameOverride ?? r.name } : {}),
    };
    const d = this.deps.rbac.authorize(user, attrs);
    if (!d.allowed) {
      throw new ApiError(403, 'Forbidden', forbiddenMessage(user, attrs), {
        ...(attrs.name ? { name: attrs.name } : {}),
        group: r.group,
        kind: r.type.plural,
      });
    }
  }

  private auditDescribe(req: IncomingMessage, r: ResourceRequest): void {
    this.deps.audit?.describe(req, {
      verb: r.verb,
      resource: r.group ? `${r.type.plural}.${r.group}` : r.type.plural,
      ...(r.subresource ? { subresource: r.subresource } : {}),
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...(r.name ? { name: r.name } : {}),
    });
  }

  // ---- rendering ----

  private render(type: ResourceType, version: string, obj: KubeObject, inList = false): KubeObject {
    const out = this.deps.store.convert(type, obj, version);
    if (inList && this.deps.registry.isBuiltin(type)) {
      const copy: Record<string, unknown> = { ...out };
      delete copy.apiVersion;
      delete copy.kind;
      return copy as KubeObject;
    }
    return out;
  }

  // ---- entry points ----

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    const { audit } = this.deps;
    if (audit) {
      res.once('close', () => {
        audit.finish(req, res.statusCode);
      });
    }
    this.route(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, e);
      else res.end();
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (['/healthz', '/livez', '/readyz'].includes(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (path === '/version') {
      sendJson(res, 200, KUBE_VERSION);
      return;
    }
    const user = this.authenticate(req);
    const { registry } = this.deps;
    if (method === 'GET') {
      if (path === '/api') {
        sendJson(res, 200, apiVersions());
        return;
      }
      if (path === '/apis') {
        sendJson(res, 200, apiGroupList(registry));
        return;
      }
      if (path === '/openapi/v2') {
        const doc = openApiV2(registry);
        if (req.headers.accept?.includes(OPENAPI_V2_PROTOBUF)) {
          const body = encodeOpenApiV2(doc);
          res.writeHead(200, {
            'Content-Type': OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
            'Content-Length': body.length,
          });
          res.end(body);
        } else {
          sendJson(res, 200, { ...doc, paths: {} });
        }
        return;
      }
      if (path === '/openapi/v3') {
        sendJson(res, 200, openApiV3Root(registry));
        return;
      }
      const parts = path.split('/').filter((p) => p !== '');
      if (parts[0] === 'openapi' && parts[1] === 'v3') {
        const gv = parts.slice(2);
        const [group, version] = gv[0] === 'api' ? ['', gv[1]] : [gv[1], gv[2]];
        if (!registry.groups().some((g) => g.group === group && g.versions.includes(version))) {
          throw notFoundPath();
        }
        sendJson(res, 200, openApiV3GroupVersion(registry, group, version));
        return;
      }
      if (parts[0] === 'api' && parts.length === 2) {
        if (parts[1] !== 'v1') throw notFoundPath();
        sendJson(res, 200, apiResourceList(registry, '', 'v1'));
        return;
      }
      if (parts[0] === 'apis' && parts.length === 2) {
        const g = apiGroup(registry, parts[1]);
        if (!g) throw notFoundPath();
        sendJson(res, 200, g);
        return;
      }
      if (parts[0] === 'apis' && parts.length === 3) {
        if (!registry.groups().some((g) => g.group === parts[1] && g.versions.includes(parts[2]))) {
          throw notFoundPath();
        }
        sendJson(res, 200, apiResourceList(registry, parts[1], parts[2]));
        return;
      }
    }
    const proxy = parseServiceProxyPath(url.pathname);
    if (proxy) {
      await this.serveServiceProxy(req, res, proxy, url.search, user);
      return;
    }
    const r = parseResourceRequest(method, url, registry);
    if (!r) throw notFoundPath();
    this.auditDescribe(req, r);
    await this.serveResource(req, res, r, user);
  }

  /** `services/<name>/proxy`: authorized like any subresource, then the Service's pods answer as they are. */
  private async serveServiceProxy(
    req: IncomingMessage,
    res: ServerResponse,
    target: ServiceProxyTarget,
    search: string,
    user: UserInfo,
  ): Promise<void> {
    const type = this.deps.registry.findByPlural('', 'services');
    if (!type) throw notFoundPath();
    const r: ResourceRequest = {
      group: '',
      version: 'v1',
      type,
      namespace: target.namespace,
      name: target.segment,
      subresource: 'proxy',
      verb: proxyVerb(req.method ?? 'GET'),
      watch: false,
      query: new URLSearchParams(search),
    };
    this.auditDescribe(req, r);
    this.authorize(user, r);
    const svc = this.deps.store.getRaw(type, target.namespace, target.service);
    if (!svc) throw notFoundError('services', '', target.service);
    checkServicePort(svc, target);
    if (!this.deps.serviceBackends) {
      throw new ApiError(
        503,
        'ServiceUnavailable',
        `no endpoints available for service "${target.service}"`,
      );
    }
    const backend = this.deps.serviceBackends.get(target.namespace, target.service);
    const body = await readBody(req);
    const answer = backend({
      method: req.method ?? 'GET',
      path: `${target.path}${search}`,
      headers: req.headers,
      body,
      clientCertificate: false,
    });
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType,
      'Content-Length': Buffer.byteLength(answer.body),
    });
    res.end(answer.body);
  }

  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const fail = (e: unknown): void => {
      const status = isApiError(e)
        ? e.status
        : new ApiError(500, 'InternalError', String(e)).status;
      const body = JSON.stringify(status);
      this.deps.audit?.finish(req, status.code);
      socket.end(
        `HTTP/1.1 ${status.code} ${status.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox.local');
      const user = this.authenticate(req);
      url.searchParams.set('watch', 'true');
      const r = parseResourceRequest('GET', url, this.deps.registry);
      if (!r) throw notFoundPath();
      r.verb = 'watch';
      this.auditDescribe(req, r);
      this.authorize(user, r);
      const opts = this.watchOptions(req, r);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.deps.audit?.finish(req, 101);
        this.sockets.add(ws);
        const closeListeners: (() => void)[] = [];
        ws.on('close', () => {
          this.sockets.delete(ws);
          for (const l of closeListeners) l();
        });
        ws.on('error', () => {
          ws.terminate();
        });
        const sink: WatchSink = {
          send: (e: WatchEvent) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(e));
          },
          end: () => {
            ws.close(1000);
          },
          onClose: (l) => closeListeners.push(l),
        };
        runWatch(this.deps.store, opts, sink);
      });
    } catch (e) {
      fail(e);
    }
  };

  private watchOptions(req: IncomingMessage, r: ResourceRequest): Parameters<typeof runWatch>[1] {
    const q = r.query;
    const table = wantsTable(req.headers.accept);
    const include = (q.get('includeObject') as IncludeObject | null) ?? 'Metadata';
    const fieldSelector = [q.get('fieldSelector'), r.name ? `metadata.name=${r.name}` : undefined]
      .filter((s): s is string => !!s)
      .join(',');
    const timeout = q.get('timeoutSeconds');
    return {
      type: r.type,
      ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
      filter: compileFilter(q.get('labelSelector') ?? undefined, fieldSelector || undefined),
      ...(q.get('resourceVersion') !== null
        ? { resourceVersion: q.get('resourceVersion') ?? '' }
        : {}),
      bookmarks: q.get('allowWatchBookmarks') === 'true',
      sendInitialEvents: q.get('sendInitialEvents') === 'true',
      bookmarkIntervalMs: this.deps.bookmarkIntervalMs,
      ...(timeout ? { timeoutSeconds: Number(timeout) } : {}),
      render: (obj) =>
        table ? toTable(r.type, [obj], {}, include) : this.render(r.type, r.version, obj),
      bookmarkKind: table
        ? { kind: 'Table', apiVersion: 'meta.k8s.io/v1' }
        : { kind: r.type.kind, apiVersion: joinApiVersion(r.group, r.version) },
    };
  }

  // ---- resources ----

  private async serveResource(
    req: IncomingMessage,
    res: ServerResponse,
    r: ResourceRequest,
    user: UserInfo,
  ): Promise<void> {
    const { store } = this.deps;
    const q = r.query;
    const dryRun = q.getAll('dryRun').includes('All');
    const dryRunProblem = dryRunError(r.verb, q.getAll('dryRun'));
    if (r.type.group === 'apiextensions.k8s.io' && r.type.kind === 'CustomResourceDefinition') {
      this.authorize(user, r);
      this.serveCrds(req, res, r);
      return;
    }
    switch (r.verb) {
      case 'get': {
        this.authorize(user, r);
        const obj = store.getRaw(r.type, r.namespace, r.name ?? '');
        if (!obj) throw notFoundError(r.type.plural, r.group, r.name ?? '');
        if (wantsTable(req.headers.accept)) {
          const include = (q.get('includeObject') as IncludeObject | null) ?? 'Metadata';
          sendJson(
            res,
            200,
            toTable(
              r.type,
              [this.render(r.type, r.version, obj)],
              { resourceVersion: obj.metadata.resourceVersion },
              include,
            ),
          );
          return;
        }
        sendJson(res, 200, this.render(r.type, r.version, obj));
        return;
      }
      case 'list':
        this.authorize(user, r);
        {
          await this.serveList(req, res, r);
          return;
        }
      case 'watch':
        this.authorize(user, r);
        {
          this.serveWatch(req, res, r);
          return;
        }
      case 'create': {
        this.authorize(user, r);
        if (dryRunProblem) throw dryRunProblem;
        const obj = asObject(
          parseBody(await readBody(req), req.headers['content-type'], r.type.kind),
        );
        this.checkBodyIdentity(r, obj, false);
        checkStringMaps(r.type, r.version, obj);
        if (obj.metadata.resourceVersion) {
          throw new ApiError(
            400,
            'BadRequest',
            'resourceVersion should not be set on objects to be created',
          );
        }
        const warnings: string[] = [];
        const created = await store.create(obj, user, { dryRun, fromApi: true, warnings });
        sendJson(res, 201, this.render(r.type, r.version, created), warnings);
        return;
      }
      case 'update': {
        this.authorize(user, r);
        if (dryRunProblem) throw dryRunProblem;
        const obj = asObject(
          parseBody(await readBody(req), req.headers['content-type'], r.type.kind),
        );
        this.checkBodyIdentity(r, obj, true);
        checkStringMaps(r.type, r.version, obj);
        if (!this.deps.registry.isBuiltin(r.type) && !obj.metadata.resourceVersion) {
          // Custom resources do not allow unconditional updates.
          throw invalidError(r.type, r.name ?? '', [
            {
              field: 'metadata.resourceVersion',
              message: 'Invalid value: 0x0: must be specified for an update',
            },
          ]);
        }
        const warnings: string[] = [];
        const updated = await this.writeUpdate(r, obj, user, { dryRun, warnings });
        sendJson(res, 200, this.render(r.type, r.version, updated), warnings);
        return;
      }
      case 'patch': {
        this.authorize(user, r);
        if (dryRunProblem) throw dryRunProblem;
        const body = await readBody(req);
        const warnings: string[] = [];
        const { object, created } = await this.patch(req, r, body, user, { dryRun, warnings });
        sendJson(res, created ? 201 : 200, this.render(r.type, r.version, object), warnings);
        return;
      }
      case 'delete': {
        this.authorize(user, r);
        if (dryRunProblem) throw dryRunProblem;
        const options = this.deleteOptions(q, parseBody(await readBody(req), 'application/json'));
        const result = await store.deleteObject(r.type, r.namespace, r.name ?? '', user, {
          ...options,
          dryRun,
        });
        if (!result.deleted) {
          // Like the API server: 200 with the object still present (finalizers pending).
          sendJson(res, 200, this.render(r.type, r.version, result.object));
          return;
        }
        if (
          this.deps.registry.isBuiltin(r.type) &&
          !['PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'Namespace'].includes(r.type.kind)
        ) {
          sendJson(
            res,
            200,
            statusSuccess({
              name: r.name,
              ...(r.group ? { group: r.group } : {}),
              kind: r.type.plural,
              uid: result.object.metadata.uid,
            }),
          );
          return;
        }
        sendJson(res, 200, this.render(r.type, r.version, result.object));
        return;
      }
      case 'deletecollection': {
        this.authorize(user, r);
        if (dryRunProblem) throw dryRunProblem;
        const options = this.deleteOptions(q, parseBody(await readBody(req), 'application/json'));
        const filter = compileFilter(
          q.get('labelSelector') ?? undefined,
          q.get('fieldSelector') ?? undefined,
        );
        const items: KubeObject[] = [];
        for (const obj of store.listRaw(r.type, r.namespace, filter)) {
          try {
            const result = await store.deleteObject(
              r.type,
              obj.metadata.namespace,
              obj.metadata.name ?? '',
              user,
              {
                ...options,
                dryRun,
              },
            );
            items.push(this.render(r.type, r.version, result.object, true));
          } catch (e) {
            if (!(isApiError(e) && e.code === 404)) throw e;
          }
        }
        sendJson(res, 200, {
          kind: listKindOf(r.type),
          apiVersion: joinApiVersion(r.group, r.version),
          metadata: { resourceVersion: String(store.currentResourceVersion()) },
          items,
        });
        return;
      }
      default:
        throw new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
    }
  }

  private checkBodyIdentity(r: ResourceRequest, obj: KubeObject, isUpdate: boolean): void {
    const expected = joinApiVersion(r.group, r.version);
    obj.apiVersion ||= expected;
    obj.kind ||= r.type.kind;
    if (obj.apiVersion !== expected) {
      throw new ApiError(
        400,
        'BadRequest',
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (obj.kind !== r.type.kind) {
      throw new ApiError(
        400,
        'BadRequest',
        `the kind in the data (${obj.kind}) does not match the expected kind (${r.type.kind})`,
      );
    }
    if (r.type.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== r.namespace) {
        throw new ApiError(
          400,
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      if (r.namespace !== undefined) obj.metadata.namespace = r.namespace;
    }
    if (isUpdate) {
      if (obj.metadata.name && obj.metadata.name !== r.name) {
        throw new ApiError(
          400,
          'BadRequest',
          `the name of the object (${obj.metadata.name}) does not match the name on the URL (${r.name ?? ''})`,
        );
      }
      obj.metadata.name = r.name;
    }
  }

  private async writeUpdate(
    r: ResourceRequest,
    obj: KubeObject,
    user: UserInfo,
    opts: WriteOptions,
  ): Promise<KubeObject> {
    const { store } = this.deps;
    if (r.subresource === 'status') return store.updateStatus(obj, user, opts);
    if (r.subresource === 'finalize') {
      const current = store.getRaw(r.type, undefined, r.name ?? '');
      if (!current) throw notFoundError(r.type.plural, r.group, r.name ?? '');
      const next = structuredClone(current);
      next.spec = {
        ...(next.spec as object | undefined),
        finalizers: (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [],
      };
      return store.update(next, user, opts);
    }
    return store.update(obj, user, opts);
  }

  private deleteOptions(q: URLSearchParams, body: unknown): DeleteOptions {
    const b = (body ?? {}) as {
      propagationPolicy?: DeleteOptions['propagationPolicy'];
      preconditions?: DeleteOptions['preconditions'];
      orphanDependents?: boolean;
    };
    const policy =
      (q.get('propagationPolicy') as DeleteOptions['propagationPolicy'] | null) ??
      b.propagationPolicy;
    return {
      ...(policy
        ? { propagationPolicy: policy }
        : b.orphanDependents
          ? { propagationPolicy: 'Orphan' }
          : {}),
      ...(b.preconditions ? { preconditions: b.preconditions } : {}),
    };
  }

  private async patch(
    req: IncomingMessage,
    r: ResourceRequest,
    body: Buffer,
    user: UserInfo,
    opts: WriteOptions,
  ): Promise<{ object: KubeObject; created: boolean }> {
    const { store, registry } = this.deps;
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
    const kinds = [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
    ];
    const builtin = registry.isBuiltin(r.type);
    if (
      !kinds.includes(contentType) ||
      (!builtin && contentType === 'application/strategic-merge-patch+json')
    ) {
      const accepted = builtin ? kinds : kinds.filter((k) => !k.includes('strategic'));
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
      );
    }
    const patchDoc = parseBody(
      body,
      contentType === 'application/apply-patch+yaml' ? 'application/yaml' : 'application/json',
      r.type.kind,
    );
    if (contentType === 'application/apply-patch+yaml' && !r.query.get('fieldManager')) {
      throw new ApiError(
        400,
        'BadRequest',
        'PATCH, application/apply-patch+yaml requires fieldManager to be set',
      );
    }
    for (let attempt = 0; ; attempt++) {
      const existing = store.getRaw(r.type, r.namespace, r.name ?? '');
      if (!existing) {
        if (contentType === 'application/apply-patch+yaml' && !r.subresource) {
          const obj = asObject(structuredClone(patchDoc));
          this.checkBodyIdentity(r, obj, true);
          const created = await store.create(obj, user, { ...opts, fromApi: true });
          return { object: created, created: true };
        }
        throw notFoundError(r.type.plural, r.group, r.name ?? '');
      }
      const current = this.render(r.type, r.version, existing);
      let patched: unknown;
      switch (contentType) {
        case 'application/json-patch+json':
          patched = jsonPatch(current, patchDoc);
          break;
        case 'application/merge-patch+json':
          patched = mergePatch(current, patchDoc);
          break;
        case 'application/strategic-merge-patch+json':
          patched = strategicMergePatch(current, patchDoc);
          break;
        default: {
          const applied = asObject(structuredClone(patchDoc));
          delete applied.metadata.resourceVersion;
          patched = builtin ? strategicMergePatch(current, applied) : mergePatch(current, applied);
        }
      }
      const obj = asObject(patched);
      checkStringMaps(r.type, r.version, obj);
      const explicitRv =
        (patchDoc as { metadata?: { resourceVersion?: string } } | undefined)?.metadata
          ?.resourceVersion !== undefined && contentType !== 'application/apply-patch+yaml';
      if (!explicitRv) obj.metadata.resourceVersion = existing.metadata.resourceVersion;
      if (obj.metadata.name !== r.name) {
        throw new ApiError(
          422,
          'Invalid',
          `metadata.name: Invalid value: "${String(obj.metadata.name)}": field is immutable`,
        );
      }
      try {
        const updated = await this.writeUpdate(r, obj, user, opts);
        return { object: updated, created: false };
      } catch (e) {
        if (
          !explicitRv &&
          isApiError(e) &&
          e.code === 409 &&
          e.status.reason === 'Conflict' &&
          attempt < 5
        )
          continue;
        throw e;
      }
    }
  }

  private async serveList(
    req: IncomingMessage,
    res: ServerResponse,
    r: ResourceRequest,
  ): Promise<void> {
    const { store } = this.deps;
    const q = r.query;
    const wanted = Number(q.get('resourceVersion') ?? '');
    if (Number.isInteger(wanted) && wanted > 0 && !(await waitForResourceVersion(store, wanted))) {
      // A list at a resourceVersion not reached within the watch cache's wait.
      throw tooLargeResourceVersionError(wanted, store.currentResourceVersion());
    }
    const filter = compileFilter(
      q.get('labelSelector') ?? undefined,
      q.get('fieldSelector') ?? undefined,
    );
    let items = store.listRaw(r.type, r.namespace, filter);
    let rv = String(store.currentResourceVersion());
    const limit = Number(q.get('limit') ?? '0');
    const cont = q.get('continue');
    if (cont) {
      let token: { rv: string; start: string };
      try {
        token = JSON.parse(Buffer.from(cont, 'base64').toString('utf8')) as {
          rv: string;
          start: string;
        };
      } catch {
        throw new ApiError(
          400,
          'BadRequest',
          'continue key is not valid: illegal base64 data at input byte 0',
        );
      }
      rv = token.rv;
      items = items.filter(
        (o) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}` > token.start,
      );
    }
    const meta: Record<string, unknown> = { resourceVersion: rv };
    if (limit > 0 && items.length > limit) {
      const last = items[limit - 1];
      meta.continue = Buffer.from(
        JSON.stringify({
          rv,
          start: `${last.metadata.namespace ?? ''}/${last.metadata.name ?? ''}`,
        }),
      ).toString('base64');
      meta.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    if (wantsTable(req.headers.accept)) {
      const include = (q.get('includeObject') as IncludeObject | null) ?? 'Metadata';
      sendJson(
        res,
        200,
        toTable(
          r.type,
          items.map((o) => this.render(r.type, r.version, o)),
          meta,
          include,
        ),
      );
      return;
    }
    const rendered = items.map((o) => this.render(r.type, r.version, o, true));
    sendJson(res, 200, {
      kind: listKindOf(r.type),
      apiVersion: joinApiVersion(r.group, r.version),
      metadata: meta,
      items: rendered,
    });
  }

  private serveWatch(req: IncomingMessage, res: ServerResponse, r: ResourceRequest): void {
    const opts = this.watchOptions(req, r);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    this.streams.add(res);
    const closeListeners: (() => void)[] = [];
    let ended = false;
    const finish = (): void => {
      if (ended) return;
      ended = true;
      this.streams.delete(res);
      for (const l of closeListeners) l();
    };
    res.on('close', finish);
    req.on('close', finish);
    const sink: WatchSink = {
      send: (e) => {
        if (!ended) res.write(`${JSON.stringify(e)}\n`);
      },
      end: () => {
        res.end();
        finish();
      },
      onClose: (l) => closeListeners.push(l),
    };
    runWatch(this.deps.store, opts, sink);
  }

  private serveCrds(req: IncomingMessage, res: ServerResponse, r: ResourceRequest): void {
    const crds = synthesizeCrds(this.deps.registry, this.deps.startedAt);
    if (r.verb === 'get') {
      const crd = crds.find((c) => c.metadata.name === r.name);
      if (!crd) throw notFoundError(r.type.plural, r.group, r.name ?? '');
      sendJson(res, 200, crd);
      return;
    }
    if (r.verb === 'list') {
      const filter = compileFilter(
        r.query.get('labelSelector') ?? undefined,
        r.query.get('fieldSelector') ?? undefined,
      );
      const items = crds.filter(
        (c) =>
          filter.fields.length === 0 ||
          c.metadata.name === r.query.get('fieldSelector')?.split('=')[1],
      );
      if (wantsTable(req.headers.accept)) {
        sendJson(res, 200, toTable(r.type, items, { resourceVersion: '1' }, 'Metadata'));
        return;
      }
      sendJson(res, 200, {
        kind: 'CustomResourceDefinitionList',
        apiVersion: 'apiextensions.k8s.io/v1',
        metadata: { resourceVersion: '1' },
        items,
      });
      return;
    }
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }
}

const notFoundPath = (): ApiError =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource');
