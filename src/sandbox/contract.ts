/**
 * The seam between the sandbox's API machinery (`api/`, `store/`, `auth/`) and its simulated
 * world (`world/`, `controllers/`, `uploadproxy/`). The machinery owns storage, HTTP, watch,
 * validation of built-in types, authentication and authorization; the world registers its API
 * groups, seeds objects and runs controllers through this interface only.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A served resource. One entry per group+kind; `versions` lists every served version, storage version first. */
export interface ResourceType {
  group: string; // '' for the core group
  versions: string[];
  kind: string;
  listKind?: string; // defaults to `${kind}List`
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Subresources served: `status` gets GET/PUT/PATCH on `/status`. */
  subresources?: { status?: boolean };
  /** Verbs advertised in discovery; defaults to the full CRUD+watch set. `create` only for review-like kinds. */
  verbs?: string[];
  /**
   * Converts a stored object (storage version) to `version` and back. Omitted: only `apiVersion`
   * changes. Used for v1alpha1/v1beta1 pairs whose schemas differ.
   */
  convert?: (obj: KubeObject, toVersion: string) => KubeObject;
  /** Objects of this type are never stored; `create` returns the admission result (e.g. UploadTokenRequest). */
  virtual?: boolean;
  /**
   * Extra columns of `kubectl get` (server-side Table), like a CRD's `additionalPrinterColumns`.
   * `type: 'date'` values are shown as ages. Without it: NAME and AGE.
   */
  additionalPrinterColumns?: PrinterColumn[];
}

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
}

/** Who is calling. `system:sandbox:<controller>` for controllers. */
export interface UserInfo {
  username: string;
  groups: string[];
}

export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  operation: AdmissionOperation;
  type: ResourceType;
  /** The object as it will be stored (mutable for mutating admission); undefined on DELETE. */
  object?: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo;
  subresource?: string;
  /** Adds a warning the API server returns with the answer (`Warning: 299 - "..."`), as webhooks do. */
  warn?: (message: string) => void;
}

/**
 * Admission hook: mutate `req.object` in place, or throw `ApiError` (created with
 * `ctx.errors`) to reject. For virtual types, the hook fills in `req.object.status`.
 */
export type AdmissionHook = (req: AdmissionRequest) => void | Promise<void>;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resourceType: ResourceType;
  object: KubeObject; // in storage version
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Identifies a resource type: `{ group: 'cdi.kubevirt.io', kind: 'DataVolume' }`; '' group for core. */
export interface KindRef {
  group: string;
  kind: string;
}

/**
 * Storage with API-server semantics. Every write validates (built-in rules + admission hooks),
 * bumps `resourceVersion`, persists to the data directory and emits a `StoreEvent`.
 * Errors are thrown as `ApiError` (HTTP status + Kubernetes `Status` body).
 * `as` defaults to the controller identity `system:sandbox:controller` (skips authorization).
 */
export interface Store {
  get(ref: KindRef, namespace: string | undefined, name: string): KubeObject | undefined;
  list(ref: KindRef, opts?: ListOptions): KubeObject[];
  create(obj: KubeObject, as?: UserInfo): Promise<KubeObject>;
  /** Replaces spec/metadata; rejects with 409 when `metadata.resourceVersion` is set and stale. */
  update(obj: KubeObject, as?: UserInfo): Promise<KubeObject>;
  /** Replaces only `status`. */
  updateStatus(obj: KubeObject, as?: UserInfo): Promise<KubeObject>;
  /** Reads the latest copy, applies `mutate`, writes it back; retries on conflict. Returns undefined if gone. */
  mutate(
    ref: KindRef,
    namespace: string | undefined,
    name: string,
    mutate: (obj: KubeObject) => void,
    opts?: { status?: boolean },
  ): Promise<KubeObject | undefined>;
  /** Sets deletionTimestamp when finalizers remain, else removes (and cascades to owned objects). */
  delete(ref: KindRef, namespace: string | undefined, name: string, as?: UserInfo): Promise<void>;
  subscribe(listener: (event: StoreEvent) => void): () => void;
}

export interface ApiErrorFactory {
  badRequest(message: string): Error;
  forbidden(message: string): Error;
  notFound(ref: KindRef, name: string): Error;
  conflict(message: string): Error;
  invalid(ref: KindRef, name: string, causes: { field: string; message: string }[]): Error;
  internal(message: string): Error;
  tooManyRequests(message: string): Error;
}

/**
 * Which platform the world models: `current` = OpenShift 4.22 with OpenShift Virtualization 4.22
 * (CDI with volume populators, HyperConverged v1, HostPathProvisioner v1beta1 with its CSI driver);
 * `legacy` = the seed's era (v1alpha1 APIs, the legacy provisioner, the storage-defaults ConfigMap).
 */
export type SandboxProfile = 'current' | 'legacy';

export const SANDBOX_PROFILES: readonly SandboxProfile[] = ['current', 'legacy'];

/** A request the API server's service proxy (`/api/v1/namespaces/<ns>/services/<svc>/proxy/<path>`) forwards. */
export interface ServiceProxyRequest {
  method: string;
  /** The path after `/proxy`, with the query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /**
   * Whether the caller presented a client certificate the backend trusts. The kube-apiserver's service proxy
   * does not (kubernetes/kubernetes pkg/controlplane/apiserver/options `CreateProxyTransport`: no client
   * certificate), unlike the aggregator, which uses the front-proxy certificate.
   */
  clientCertificate: boolean;
}

export interface ServiceProxyResponse {
  status: number;
  contentType: string;
  body: string;
}

/** What a Service's pods answer, for the service proxy. */
export type ServiceBackend = (req: ServiceProxyRequest) => ServiceProxyResponse;

export interface SandboxContext {
  /** The platform the world models (see `SandboxProfile`). */
  profile: SandboxProfile;
  /** Absolute data directory; node directories live under `${dataDir}/nodes/<node-name>/`. */
  dataDir: string;
  store: Store;
  errors: ApiErrorFactory;
  registerType(type: ResourceType): void;
  /** Validating+mutating admission for a kind (runs after built-in validation, before storage). */
  registerAdmission(ref: KindRef, hook: AdmissionHook): void;
  /** The pods behind a Service, reached through the API server's service proxy (no backend: 503). */
  registerServiceBackend?(namespace: string, service: string, backend: ServiceBackend): void;
  /** RBAC-style decision for a user, the same one the API server applies to requests. */
  authorize(user: UserInfo, attrs: ResourceAttributes): { allowed: boolean; reason: string };
  /** Loopback host the sandbox listens on (extra listeners, like the upload proxy, use it too). */
  listenHost: string;
  /** Whether the sandbox serves HTTPS; extra listeners serve HTTPS with `tls` when set. */
  tls?: { key: string; cert: string; ca: string };
  log(message: string): void;
  /**
   * Persistent-volume controller hook for WaitForFirstConsumer claims: records the scheduler's
   * choice (`volume.kubernetes.io/selected-node` annotation) and binds the claim to a matching
   * pre-created PV on that node when one exists. Resolves to the bound PV name, or undefined when
   * the claim is left to a dynamic provisioner (or nothing matches yet).
   */
  bindClaim?(namespace: string, name: string, nodeName: string): Promise<string | undefined>;
  /** Records a core/v1 Event about an object (deduplicated by reason+message, `count` bumped). */
  recordEvent?(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): Promise<void>;
}

/** Implemented by `world/index.ts`: registers API groups, seeds an empty store, starts controllers. */
export type InstallWorld = (ctx: SandboxContext) => Promise<{ stop(): Promise<void> }>;
