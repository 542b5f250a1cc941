/** Checks that every translatable label of the extensions has an entry in the locale file. */

const LABEL = /^%([^~%]+)~(.+)%$/;

export const collectLabels = (extensions: unknown): { namespace: string; key: string }[] => {
  const labels: { namespace: string; key: string }[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = LABEL.exec(value);
      if (match?.[1] && match[2]) labels.push({ namespace: match[1], key: match[2] });
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(extensions);
  return labels;
};

export const labelProblems = (
  extensions: unknown,
  namespace: string,
  locale: Readonly<Record<string, unknown>>,
  localeFile: string,
): string[] =>
  collectLabels(extensions).flatMap(({ namespace: ns, key }) => {
    if (ns !== namespace) {
      return [`Extension label "%${ns}~${key}%" uses namespace "${ns}"; use "${namespace}".`];
    }
    if (typeof locale[key] !== 'string') {
      return [`Extension label "${key}" is missing from ${localeFile}; add "${key}": "${key}".`];
    }
    return [];
  });
