/**
 * Decoding of the Kubernetes protobuf wire format for the request bodies kubectl sends with its
 * typed clients (`auth can-i`, `auth whoami`, `create namespace|configmap|secret|rolebinding|...`).
 * Envelope: magic `k8s\0` + runtime.Unknown{typeMeta{apiVersion,kind}, raw, ...}.
 */

type Scalar = 'string' | 'int' | 'bool' | 'bytes' | 'time';
interface Field {
  name: string;
  type: Scalar | 'message' | 'map';
  schema?: Schema;
  repeated?: boolean;
  /** For maps: the value type (keys are strings). */
  value?: 'string' | 'bytes';
}
type Schema = Partial<Record<number, Field>>;

const f = (name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({
  name,
  type,
  ...extra,
});

const OWNER_REFERENCE: Schema = {
  1: f('kind', 'string'),
  3: f('name', 'string'),
  4: f('uid', 'string'),
  5: f('apiVersion', 'string'),
  6: f('controller', 'bool'),
  7: f('blockOwnerDeletion', 'bool'),
};
const OBJECT_META: Schema = {
  1: f('name', 'string'),
  2: f('generateName', 'string'),
  3: f('namespace', 'string'),
  5: f('uid', 'string'),
  6: f('resourceVersion', 'string'),
  7: f('generation', 'int'),
  11: f('labels', 'map', { value: 'string' }),
  12: f('annotations', 'map', { value: 'string' }),
  13: f('ownerReferences', 'message', { schema: OWNER_REFERENCE, repeated: true }),
  14: f('finalizers', 'string', { repeated: true }),
};
const RESOURCE_ATTRIBUTES: Schema = {
  1: f('namespace', 'string'),
  2: f('verb', 'string'),
  3: f('group', 'string'),
  4: f('version', 'string'),
  5: f('resource', 'string'),
  6: f('subresource', 'string'),
  7: f('name', 'string'),
};
const NON_RESOURCE_ATTRIBUTES: Schema = { 1: f('path', 'string'), 2: f('verb', 'string') };
const SUBJECT: Schema = {
  1: f('kind', 'string'),
  2: f('apiGroup', 'string'),
  3: f('name', 'string'),
  4: f('namespace', 'string'),
};
const ROLE_REF: Schema = {
  1: f('apiGroup', 'string'),
  2: f('kind', 'string'),
  3: f('name', 'string'),
};
const POLICY_RULE: Schema = {
  1: f('verbs', 'string', { repeated: true }),
  2: f('apiGroups', 'string', { repeated: true }),
  3: f('resources', 'string', { repeated: true }),
  4: f('resourceNames', 'string', { repeated: true }),
  5: f('nonResourceURLs', 'string', { repeated: true }),
};
const BINDING: Schema = {
  1: f('metadata', 'message', { schema: OBJECT_META }),
  2: f('subjects', 'message', { schema: SUBJECT, repeated: true }),
  3: f('roleRef', 'message', { schema: ROLE_REF }),
};
const ROLE: Schema = {
  1: f('metadata', 'message', { schema: OBJECT_META }),
  2: f('rules', 'message', { schema: POLICY_RULE, repeated: true }),
};

const SCHEMAS: Partial<Record<string, Schema>> = {
  'authorization.k8s.io/v1/SelfSubjectAccessReview': {
    1: f('metadata', 'message', { schema: OBJECT_META }),
    2: f('spec', 'message', {
      schema: {
        1: f('resourceAttributes', 'message', { schema: RESOURCE_ATTRIBUTES }),
        2: f('nonResourceAttributes', 'message', { schema: NON_RESOURCE_ATTRIBUTES }),
      },
    }),
  },
  'authorization.k8s.io/v1/SubjectAccessReview': {
    1: f('metadata', 'message', { schema: OBJECT_META }),
    2: f('spec', 'message', {
      schema: {
        1: f('resourceAttributes', 'message', { schema: RESOURCE_ATTRIBUTES }),
        2: f('nonResourceAttributes', 'message', { schema: NON_RESOURCE_ATTRIBUTES }),
        3: f('user', 'string'),
        4: f('groups', 'string', { repeated: true }),
        6: f('uid', 'string'),
      },
    }),
  },
  'authorization.k8s.io/v1/SelfSubjectRulesReview': {
    1: f('metadata', 'message', { schema: OBJECT_META }),
    2: f('spec', 'message', { schema: { 1: f('namespace', 'string') } }),
  },
  'authentication.k8s.io/v1/SelfSubjectReview': {
    1: f('metadata', 'message', { schema: OBJECT_META }),
  },
  'v1/Namespace': {
    1: f('metadata', 'message', { schema: OBJECT_META }),
    2: f('spec', 'message', { schema: { 1: f('finalizers', 'string', { repeated: true }) } }),
  },
  'v1/ConfigMap': {
    1: f('metadata', 'message', { schema: OBJECT_META }),
    2: f('data', 'map', { value: 'string' }),
    3: f('binaryData', 'map', { value: 'bytes' }),
    4: f('immutable', 'bool'),
  },
  'v1/Secret': {
    1: f('metadata', 'message', { schema: OBJECT_META }),
    2: f('data', 'map', { value: 'bytes' }),
    3: f('type', 'string'),
    4: f('stringData', 'map', { value: 'string' }),
    5: f('immutable', 'bool'),
  },
  'v1/ServiceAccount': { 1: f('metadata', 'message', { schema: OBJECT_META }) },
  'rbac.authorization.k8s.io/v1/RoleBinding': BINDING,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': BINDING,
  'rbac.authorization.k8s.io/v1/Role': ROLE,
  'rbac.authorization.k8s.io/v1/ClusterRole': ROLE,
};

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const decodeTime = (buf: Buffer): string => {
  const r = new Reader(buf);
  let seconds = 0;
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >> 3 === 1) seconds = Number(r.varint());
    else r.skip(tag & 7);
  }
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

const decodeMessage = (buf: Buffer, schema: Schema): Record<string, unknown> => {
  const r = new Reader(buf);
  const out: Record<string, unknown> = {};
  while (!r.done()) {
    const tag = Number(r.varint());
    const field = schema[tag >> 3];
    const wire = tag & 7;
    if (!field) {
      r.skip(wire);
      continue;
    }
    let value: unknown;
    switch (field.type) {
      case 'string':
        value = r.bytes().toString('utf8');
        break;
      case 'bytes':
        value = r.bytes().toString('base64');
        break;
      case 'int':
        value = Number(r.varint());
        break;
      case 'bool':
        value = r.varint() !== 0n;
        break;
      case 'time':
        value = decodeTime(r.bytes());
        break;
      case 'message':
        value = decodeMessage(r.bytes(), field.schema ?? {});
        break;
      case 'map': {
        const entry = new Reader(r.bytes());
        let key = '';
        let v: unknown = '';
        while (!entry.done()) {
          const t = Number(entry.varint());
          if (t >> 3 === 1) key = entry.bytes().toString('utf8');
          else if (t >> 3 === 2) {
            const raw = entry.bytes();
            v = field.value === 'bytes' ? raw.toString('base64') : raw.toString('utf8');
          } else entry.skip(t & 7);
        }
        const map = (out[field.name] as Record<string, unknown> | undefined) ?? {};
        map[key] = v;
        out[field.name] = map;
        continue;
      }
    }
    if (field.repeated) {
      const list = (out[field.name] as unknown[] | undefined) ?? [];
      list.push(value);
      out[field.name] = list;
    } else out[field.name] = value;
  }
  return out;
};

const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a protobuf request body into its JSON form; undefined when the kind is not supported. */
export const decodeProtobufObject = (body: Buffer): Record<string, unknown> | undefined => {
  if (!body.subarray(0, 4).equals(PROTOBUF_MAGIC)) return undefined;
  const unknown = decodeMessage(body.subarray(4), {
    1: f('typeMeta', 'message', {
      schema: { 1: f('apiVersion', 'string'), 2: f('kind', 'string') },
    }),
    2: f('raw', 'bytes'),
  });
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const schema = SCHEMAS[`${typeMeta.apiVersion ?? ''}/${typeMeta.kind ?? ''}`];
  if (!schema) return undefined;
  const raw = Buffer.from(typeof unknown.raw === 'string' ? unknown.raw : '', 'base64');
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...decodeMessage(raw, schema) };
};
