/**
 * The OpenAPI v2 document in the protobuf form kubectl asks for
 * (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, the gnostic `openapi.v2.Document`
 * message). kubectl validates on the client with it when a kind has no PATCH operation in OpenAPI v3
 * (so server-side field validation cannot be verified), which is the case of create-only kinds such as
 * `UploadTokenRequest`. Only the parts of a JSON schema the sandbox publishes are encoded.
 */

/** What kubectl's `Accept` names. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** What the API server answers with (`@` is not valid in a media type Go's mime package parses). */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE =
  'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/** The JSON Schema subset of the sandbox's v2 definitions. */
export interface V2Schema {
  $ref?: string;
  description?: string;
  format?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, V2Schema>;
  additionalProperties?: V2Schema | boolean;
  items?: V2Schema;
  [extension: `x-${string}`]: unknown;
}

export interface V2Document {
  swagger: string;
  info: { title: string; version: string };
  definitions: Record<string, V2Schema>;
}

/** Protobuf wire writer: fields are appended in order, nested messages as length-delimited bytes. */
class Writer {
  private readonly parts: Buffer[] = [];

  private varint(value: number): void {
    const bytes: number[] = [];
    let v = value;
    while (v > 0x7f) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
    this.parts.push(Buffer.from(bytes));
  }

  private tag(field: number, wireType: 0 | 2): void {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, value: Buffer): this {
    this.tag(field, 2);
    this.varint(value.length);
    this.parts.push(value);
    return this;
  }

  string(field: number, value: string | undefined): this {
    return value === undefined || value === ''
      ? this
      : this.bytes(field, Buffer.from(value, 'utf8'));
  }

  bool(field: number, value: boolean): this {
    if (!value) return this;
    this.tag(field, 0);
    this.varint(1);
    return this;
  }

  message(field: number, build: (w: Writer) => void): this {
    const inner = new Writer();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

// Field numbers of gnostic's OpenAPIv2.proto.
const SCHEMA = {
  ref: 1,
  format: 2,
  description: 4,
  required: 19,
  additionalProperties: 21,
  type: 22,
  items: 23,
  properties: 25,
  vendorExtension: 31,
} as const;

const writeSchema = (w: Writer, s: V2Schema): void => {
  w.string(SCHEMA.ref, s.$ref)
    .string(SCHEMA.format, s.format)
    .string(SCHEMA.description, s.description);
  for (const name of s.required ?? []) w.string(SCHEMA.required, name);
  const additional = s.additionalProperties;
  if (typeof additional === 'boolean') {
    // AdditionalPropertiesItem { oneof: schema = 1, boolean = 2 }
    w.message(SCHEMA.additionalProperties, (a) => a.bool(2, additional));
  } else if (additional) {
    w.message(SCHEMA.additionalProperties, (a) =>
      a.message(1, (inner) => {
        writeSchema(inner, additional);
      }),
    );
  }
  const type = s.type;
  if (type) w.message(SCHEMA.type, (t) => t.string(1, type));
  const items = s.items;
  if (items)
    w.message(SCHEMA.items, (i) =>
      i.message(1, (inner) => {
        writeSchema(inner, items);
      }),
    );
  const properties = s.properties;
  if (properties) {
    w.message(SCHEMA.properties, (p) => {
      for (const [name, value] of Object.entries(properties)) {
        p.message(1, (named) =>
          named.string(1, name).message(2, (inner) => {
            writeSchema(inner, value);
          }),
        );
      }
    });
  }
  for (const [name, value] of Object.entries(s)) {
    if (!name.startsWith('x-')) continue;
    // NamedAny { name = 1, value = Any { yaml = 2 } }: JSON is valid YAML.
    w.message(SCHEMA.vendorExtension, (named) =>
      named.string(1, name).message(2, (any) => any.string(2, JSON.stringify(value))),
    );
  }
};

/** Encodes `openapi.v2.Document` { swagger = 1, info = 2, definitions = 9 }. */
export const encodeOpenApiV2 = (doc: V2Document): Buffer => {
  const w = new Writer();
  w.string(1, doc.swagger);
  w.message(2, (info) => info.string(1, doc.info.title).string(2, doc.info.version));
  w.message(9, (definitions) => {
    for (const [name, schema] of Object.entries(doc.definitions)) {
      definitions.message(1, (named) =>
        named.string(1, name).message(2, (s) => {
          writeSchema(s, schema);
        }),
      );
    }
  });
  return w.finish();
};
