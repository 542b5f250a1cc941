// Extension strings like `%plugin__vm-disks-plugin~Overview%` are i18n keys; everything else stays as is.

export type Translate = (key: string) => string;

const KEY_PATTERN = /^%(.+)%$/;

/** Translates one string when it is a `%ns~key%` reference. */
export const translateString = (value: string, t: Translate): string => {
  const match = KEY_PATTERN.exec(value);
  return match?.[1] ? t(match[1]) : value;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Deep-translates strings in plain objects and arrays; functions (code refs) and other values are kept. */
export const translateDeep = <T>(value: T, t: Translate): T => {
  if (typeof value === 'string') return translateString(value, t) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => translateDeep(v, t)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = translateDeep(v, t);
    return out as T;
  }
  return value;
};

/** A copy of the extension with its `properties` translated. */
export const translateExtension = <E extends { properties: Record<string, unknown> }>(
  extension: E,
  t: Translate,
): E => ({
  ...extension,
  properties: translateDeep(extension.properties, t),
});
