import { ApiError } from './status';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = Record<string, Json>;

const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** RFC 7386 JSON merge patch. */
export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) Reflect.deleteProperty(out, k);
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
};

interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

const parsePointer = (pointer: string): string[] => {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new ApiError(422, 'Invalid', `invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
};

const jsonPatchError = (message: string): ApiError => new ApiError(422, 'Invalid', message);

const containerAt = (doc: unknown, parts: string[], op: string, path: string): unknown => {
  let cur = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) {
      const i = Number(p);
      if (!Number.isInteger(i) || i < 0 || i >= cur.length) {
        throw jsonPatchError(
          `${op} operation does not apply: doc is missing path: "${path}": missing value`,
        );
      }
      cur = cur[i];
    } else if (isObject(cur)) {
      if (!(p in cur)) {
        throw jsonPatchError(
          `${op} operation does not apply: doc is missing path: "${path}": missing value`,
        );
      }
      cur = cur[p];
    } else {
      throw jsonPatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
    }
  }
  return cur;
};

const getAt = (doc: unknown, path: string, op: string): unknown =>
  containerAt(doc, parsePointer(path), op, path);

const removeAt = (doc: unknown, path: string, op: string): unknown => {
  const parts = parsePointer(path);
  const last = parts.pop();
  if (last === undefined)
    throw jsonPatchError(`${op} operation does not apply: cannot remove the root`);
  const parent = containerAt(doc, parts, op, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) {
      throw jsonPatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
    }
    return parent.splice(i, 1)[0];
  }
  if (isObject(parent) && last in parent) {
    const v = parent[last];
    Reflect.deleteProperty(parent, last);
    return v;
  }
  throw jsonPatchError(
    `${op} operation does not apply: doc is missing path: "${path}": missing value`,
  );
};

const addAt = (
  doc: unknown,
  path: string,
  value: unknown,
  op: string,
  replace: boolean,
): unknown => {
  const parts = parsePointer(path);
  const last = parts.pop();
  if (last === undefined) return structuredClone(value);
  const parent = containerAt(doc, parts, op, path);
  const v = structuredClone(value) as Json;
  if (Array.isArray(parent)) {
    if (last === '-' && !replace) {
      parent.push(v);
      return doc;
    }
    const i = Number(last);
    const max = replace ? parent.length - 1 : parent.length;
    if (!Number.isInteger(i) || i < 0 || i > max) {
      throw jsonPatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
    }
    if (replace) parent[i] = v;
    else parent.splice(i, 0, v);
    return doc;
  }
  if (isObject(parent)) {
    if (replace && !(last in parent)) {
      throw jsonPatchError(
        `replace operation does not apply: doc is missing key: ${path}: missing value`,
      );
    }
    parent[last] = v;
    return doc;
  }
  throw jsonPatchError(
    `${op} operation does not apply: doc is missing path: "${path}": missing value`,
  );
};

/** RFC 6902 JSON patch. */
export const jsonPatch = (target: unknown, ops: unknown): unknown => {
  if (!Array.isArray(ops)) {
    throw new ApiError(
      400,
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  let doc = structuredClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, raw.value, 'add', false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, raw.value, 'replace', true);
        break;
      case 'remove':
        removeAt(doc, raw.path, 'remove');
        break;
      case 'move': {
        const v = removeAt(doc, raw.from ?? '', 'move');
        doc = addAt(doc, raw.path, v, 'move', false);
        break;
      }
      case 'copy': {
        const v = getAt(doc, raw.from ?? '', 'copy');
        doc = addAt(doc, raw.path, v, 'copy', false);
        break;
      }
      case 'test': {
        const v = getAt(doc, raw.path, 'test');
        if (JSON.stringify(v) !== JSON.stringify(raw.value)) {
          throw jsonPatchError(`testing value ${raw.path} failed: test failed`);
        }
        break;
      }
      default:
        throw new ApiError(400, 'BadRequest', `Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
};

/** List fields Kubernetes merges by a key (patchStrategy: merge, patchMergeKey). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  addresses: 'type',
  taints: 'key',
  disks: 'name',
  interfaces: 'name',
  networks: 'name',
};

/** Primitive lists that merge as sets (patchStrategy: merge without key). */
const SET_LISTS = new Set(['finalizers']);

const DIRECTIVE = '$patch';

/**
 * Strategic merge patch: like a merge patch, but lists of known fields merge by their key,
 * `$patch: delete|replace|merge` directives, `$deleteFromPrimitiveList/<field>`,
 * `$setElementOrder/<field>` and `$retainKeys` are understood.
 */
export const strategicMergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch[DIRECTIVE] === 'replace') {
    const copy = { ...patch };
    Reflect.deleteProperty(copy, DIRECTIVE);
    return copy;
  }
  if (patch[DIRECTIVE] === 'delete') return undefined;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  const retain = patch.$retainKeys;
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) {
        out[field] = cur.filter((x) => !v.some((d) => JSON.stringify(d) === JSON.stringify(x)));
      }
      continue;
    }
    if (v === null) {
      Reflect.deleteProperty(out, k);
      continue;
    }
    if (Array.isArray(v)) {
      out[k] = mergeList(k, out[k], v);
      continue;
    }
    const merged = strategicMergePatch(out[k], v);
    if (merged === undefined) Reflect.deleteProperty(out, k);
    else out[k] = merged as Json;
  }
  if (Array.isArray(retain)) {
    for (const key of Object.keys(out)) if (!retain.includes(key)) Reflect.deleteProperty(out, key);
  }
  return out;
};

const mergeList = (field: string, current: unknown, patch: Json[]): Json[] => {
  const cur: Json[] = Array.isArray(current) ? (current as Json[]) : [];
  if (SET_LISTS.has(field)) {
    const out = [...cur];
    for (const v of patch)
      if (!out.some((x) => JSON.stringify(x) === JSON.stringify(v))) out.push(v);
    return out;
  }
  const replaceDirective = patch.find(
    (p) => isObject(p) && p[DIRECTIVE] === 'replace' && Object.keys(p).length === 1,
  );
  if (replaceDirective) return patch.filter((p) => p !== replaceDirective);
  const key =
    MERGE_KEYS[field] ??
    (patch.every((p) => isObject(p) && typeof p.name === 'string') &&
    cur.every((c) => isObject(c) && typeof c.name === 'string') &&
    cur.length > 0
      ? 'name'
      : undefined);
  if (!key || !patch.every(isObject)) return patch.map((p) => structuredClone(p));
  const out: Json[] = cur.map((c) => structuredClone(c));
  for (const p of patch) {
    const idx = out.findIndex((c) => isObject(c) && c[key] === p[key]);
    if (p[DIRECTIVE] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = strategicMergePatch(out[idx], p);
      if (merged === undefined) out.splice(idx, 1);
      else out[idx] = merged as Json;
    } else {
      const fresh = strategicMergePatch({}, p);
      if (fresh !== undefined) out.push(fresh as Json);
    }
  }
  return out;
};
