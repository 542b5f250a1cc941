/**
 * Kubernetes object names: DNS-1123 label / subdomain validation with the API server's exact messages
 * (k8s.io/apimachinery/pkg/util/validation), and a helper that turns a file name into a valid object name.
 * Pure and framework-free.
 */

const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** `must be no more than N characters` */
export const maxLenError = (length: number): string => `must be no more than ${length} characters`;

/** The API server's regex explanation, examples included (the double space after the first example is theirs). */
export const regexError = (message: string, format: string, ...examples: string[]): string => {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const listed = examples.map((example) => `'${example}', `).join(' or ');
  return `${message} (e.g. ${listed}regex used for validation is '${format}')`;
};

/** Errors for a DNS-1123 label (namespaces, most names that become host names); empty when valid. */
export const validateDNS1123Label = (value: string): string[] => {
  const errors: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) errors.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!LABEL_RE.test(value)) errors.push(regexError(LABEL_MSG, LABEL_FMT, 'my-name', '123-abc'));
  return errors;
};

/** Errors for a DNS-1123 subdomain (the name rule of PVCs, PVs, DataVolumes, ConfigMaps...); empty when valid. */
export const validateDNS1123Subdomain = (value: string): string[] => {
  const errors: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errors.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!SUBDOMAIN_RE.test(value))
    errors.push(regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, 'example.com'));
  return errors;
};

/** A DNS-1123 label of at most 63 characters (namespaces, most object names). */
export const isDNS1123Label = (value: string): boolean =>
  value.length <= DNS1123_LABEL_MAX_LENGTH && LABEL_RE.test(value);

/** A DNS-1123 subdomain of at most 253 characters (PVCs, PVs, DataVolumes, ConsolePlugins…). */
export const isDNS1123Subdomain = (value: string): boolean =>
  value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && SUBDOMAIN_RE.test(value);

// Label keys and values (k8s.io/apimachinery/pkg/util/validation/validation.go `IsQualifiedName`,
// `IsValidLabelValue`): a name part of at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.
const QUALIFIED_NAME_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A label value: empty, or a qualified name part. */
export const isLabelValue = (value: string): boolean =>
  value === '' || QUALIFIED_NAME_RE.test(value);

/** A label key: an optional DNS-1123 subdomain prefix and `/`, then a qualified name part. */
export const isLabelKey = (key: string): boolean => {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (!QUALIFIED_NAME_RE.test(name)) return false;
  return slash < 0 || isDNS1123Subdomain(key.slice(0, slash));
};

export type NameRule = 'label' | 'subdomain';

/**
 * Validates `metadata.name` the way the API server reports it: `Required value: name or generateName is required`
 * for an empty name, otherwise the rule's messages. Returns the first message, or `undefined` when valid.
 */
export const objectNameError = (name: string, rule: NameRule = 'subdomain'): string | undefined => {
  if (name === '') return 'name or generateName is required';
  const errors = rule === 'label' ? validateDNS1123Label(name) : validateDNS1123Subdomain(name);
  return errors[0];
};

/** Extensions dropped from file names, compressed layers first (`fedora.qcow2.xz` → `fedora`). */
const DROPPED_EXTENSIONS = [
  'gz',
  'xz',
  'zst',
  'bz2',
  'tar',
  'tgz',
  'qcow2',
  'qcow',
  'img',
  'iso',
  'raw',
  'vmdk',
  'vdi',
  'vhd',
  'vhdx',
];

export interface SuggestNameOptions {
  /** Maximum length; default 63 so the name is also a valid label. */
  maxLength?: number;
  /** Used when nothing usable is left. Default `disk`. */
  fallback?: string;
}

/**
 * Turns a file name (or any text) into a valid DNS-1123 label that is also a valid subdomain:
 * `Fedora-Cloud-Base-39.x86_64.qcow2.xz` → `fedora-cloud-base-39-x86-64`.
 */
export const suggestName = (from: string, options: SuggestNameOptions = {}): string => {
  const maxLength = Math.max(
    1,
    Math.min(options.maxLength ?? DNS1123_LABEL_MAX_LENGTH, DNS1123_LABEL_MAX_LENGTH),
  );
  const fallback = options.fallback ?? 'disk';
  let base = from.split(/[\\/]/).pop() ?? '';
  for (;;) {
    const dot = base.lastIndexOf('.');
    if (dot <= 0) break;
    const extension = base.slice(dot + 1).toLowerCase();
    if (!DROPPED_EXTENSIONS.includes(extension)) break;
    base = base.slice(0, dot);
  }
  const name = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return name === '' ? fallback.slice(0, maxLength) : name;
};
