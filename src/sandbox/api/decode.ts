import type { KubeObject, ResourceType } from '../contract';
import { ApiError } from './status';

/**
 * What the real API server refuses while decoding a request body into its Go types, before any
 * validation (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go
 * `transformDecodeError`, k8s.io/apimachinery/pkg/runtime/serializer/json/meta.go, and Go's
 * encoding/json as vendored in sigs.k8s.io/json).
 */

/** encoding/json's scanner refuses documents nested deeper than this (`maxNestingDepth`). */
const MAX_JSON_DEPTH = 10000;

/** rest.go `summarizeData`: the body's first bytes, as text for an object, else in hex. */
const summarize = (body: Buffer, max = 30): string => {
  if (body.length === 0) return '<empty>';
  const head = body.subarray(0, max);
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > max ? `${text} ...` : text;
};

/** Whether a JSON text nests arrays/objects deeper than encoding/json accepts (strings skipped). */
export const exceedsJsonDepth = (text: string, max = MAX_JSON_DEPTH): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
};

/** 400 for a JSON body too deeply nested: the kind sniffing (meta.go `Interpret`) fails first. */
export const tooDeepError = (kind: string, body: Buffer): ApiError =>
  new ApiError(
    400,
    'BadRequest',
    `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: exceeded max depth (${summarize(body)})`,
  );

/** encoding/json's name for the JSON type of a value it could not store. */
const jsonTypeOf = (v: unknown): string => {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
};

/** A `map[string]string` field of a Go type, as the decoder reports it (`Struct.json.path`). */
interface StringMapField {
  struct: string;
  path: string[];
}

const META_MAPS: StringMapField[] = [
  { struct: 'ObjectMeta', path: ['metadata', 'labels'] },
  { struct: 'ObjectMeta', path: ['metadata', 'annotations'] },
];

const KIND_MAPS: Partial<Record<string, StringMapField[]>> = {
  ConfigMap: [{ struct: 'ConfigMap', path: ['data'] }],
  Secret: [{ struct: 'Secret', path: ['stringData'] }],
};

const at = (obj: KubeObject, path: string[]): unknown => {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
};

/**
 * 400 when a `map[string]string` field (labels, annotations, ConfigMap `data`, Secret
 * `stringData`) holds something other than strings (null values decode as ""), as
 * `<Kind> in version "<v>" cannot be handled as a <Kind>: json: cannot unmarshal number into Go
 * struct field ObjectMeta.metadata.annotations of type string`.
 */
export const checkStringMaps = (type: ResourceType, version: string, obj: KubeObject): void => {
  const fields = [...META_MAPS, ...(type.group === '' ? (KIND_MAPS[type.kind] ?? []) : [])];
  for (const f of fields) {
    const value = at(obj, f.path);
    if (value === undefined || value === null) continue;
    const where = `Go struct field ${f.struct}.${f.path.join('.')}`;
    let problem: string | undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      problem = `json: cannot unmarshal ${jsonTypeOf(value)} into ${where} of type map[string]string`;
    } else {
      const bad = Object.values(value as Record<string, unknown>).find(
        (v) => v !== null && typeof v !== 'string',
      );
      if (bad !== undefined) {
        problem = `json: cannot unmarshal ${jsonTypeOf(bad)} into ${where} of type string`;
      }
    }
    if (problem) {
      throw new ApiError(
        400,
        'BadRequest',
        `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: ${problem}`,
      );
    }
  }
};

/** Option kinds whose `dryRun` the API server validates, per verb. */
const OPTION_KINDS: Partial<Record<string, string>> = {
  create: 'CreateOptions',
  update: 'UpdateOptions',
  patch: 'PatchOptions',
  delete: 'DeleteOptions',
  deletecollection: 'DeleteOptions',
};

/**
 * `?dryRun=` accepts only `All` (k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
 * `ValidateDryRun`); anything else is 422 on the verb's options, e.g.
 * `CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"bogus"}: supported values: "All"`.
 */
export const dryRunError = (verb: string, values: string[]): ApiError | undefined => {
  const kind = OPTION_KINDS[verb];
  if (!kind || values.every((v) => v === 'All')) return undefined;
  const message = `Unsupported value: []string{${values.map((v) => JSON.stringify(v)).join(', ')}}: supported values: "All"`;
  return new ApiError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: dryRun: ${message}`, {
    group: 'meta.k8s.io',
    kind,
    causes: [{ reason: 'FieldValueNotSupported', message, field: 'dryRun' }],
  });
};
