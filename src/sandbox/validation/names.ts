/**
 * Name and label validation with the API server's messages (k8s.io/apimachinery/pkg/util/validation
 * validation.go). The DNS-1123 checks are src/lib's (the project's one name check); DNS-1035, qualified names and
 * label values with their exact texts are the sandbox's own.
 */
import { maxLenError, validateDNS1123Label, validateDNS1123Subdomain } from '../../lib/k8s-names';

const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';

const full = (re: string): RegExp => new RegExp(`^${re}$`);
const dns1035Re = full(DNS1035_LABEL);
const qualifiedRe = full(QUALIFIED_NAME);
const labelValueRe = full(LABEL_VALUE);

export const dns1123SubdomainErrors = validateDNS1123Subdomain;

export const dns1123LabelErrors = validateDNS1123Label;

export const dns1035LabelErrors = (value: string): string[] => {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1035Re.test(value))
    errs.push(
      `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`,
    );
  return errs;
};

/** Label/annotation keys: optional DNS subdomain prefix + `/` + qualified name. */
export const qualifiedNameErrors = (value: string): string[] => {
  const errs: string[] = [];
  const parts = value.split('/');
  let name = value;
  if (parts.length === 2) {
    const [prefix, rest] = parts;
    name = rest;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const e of dns1123SubdomainErrors(prefix)) errs.push(`prefix part ${e}`);
  } else if (parts.length > 2) {
    errs.push(
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    );
    return errs;
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (name.length > 0 && !qualifiedRe.test(name))
    errs.push(
      `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}')`,
    );
  return errs;
};

export const labelValueErrors = (value: string): string[] => {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(value))
    errs.push(
      `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`,
    );
  return errs;
};

/** Go's `%q`-like quoting used in "Invalid value" messages. */
export const quote = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : JSON.stringify(v);
