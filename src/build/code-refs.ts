/** `$codeRef` handling, with the same grammar the console 4.22 loader applies (console-runtime.md §1.4). */

export interface CodeRefTarget {
  moduleName: string;
  exportName: string;
}

const CODE_REF = /^([^.\s]+)(?:\.([^.\s]+))?$/;
const PLAIN_NAME = /^[^.\s]+$/;

export const parseCodeRef = (ref: string): CodeRefTarget | undefined => {
  const [, moduleName, exportName] = CODE_REF.exec(ref) ?? [];
  if (!moduleName) return undefined;
  return { moduleName, exportName: exportName || 'default' };
};

export const isPlainName = (name: string): boolean => PLAIN_NAME.test(name);

/** Every `$codeRef` string in an extension list, with a JSON-path-like location for messages. */
export const collectCodeRefs = (extensions: unknown): { ref: string; at: string }[] => {
  const found: { ref: string; at: string }[] = [];
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, `${at}[${index}]`);
      });
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$codeRef' && typeof child === 'string') found.push({ ref: child, at });
        else walk(child, `${at}.${key}`);
      }
    }
  };
  walk(extensions, 'extensions');
  return found;
};

/**
 * Problems with the code references of a build: unparseable references, unknown exposed modules,
 * exports missing from the built entry chunk.
 */
export const codeRefProblems = (
  extensions: unknown,
  exportsByModule: ReadonlyMap<string, readonly string[]>,
): string[] =>
  collectCodeRefs(extensions).flatMap(({ ref, at }) => {
    const target = parseCodeRef(ref);
    if (!target) {
      return [
        `${at}: $codeRef "${ref}" is not "Module" or "Module.export" (no dots or spaces inside a name).`,
      ];
    }
    const exported = exportsByModule.get(target.moduleName);
    if (!exported) {
      return [
        `${at}: $codeRef "${ref}" names module "${target.moduleName}", which is not in ` +
          `package.json consolePlugin.exposedModules (${[...exportsByModule.keys()].join(', ') || 'none'}).`,
      ];
    }
    if (!exported.includes(target.exportName)) {
      return [
        `${at}: $codeRef "${ref}" needs export "${target.exportName}" of exposed module ` +
          `"${target.moduleName}", which exports only: ${exported.join(', ') || 'nothing'}.`,
      ];
    }
    return [];
  });
