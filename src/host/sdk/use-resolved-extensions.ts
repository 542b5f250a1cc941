// The console's useResolvedExtensions(...typeGuards): the loader's hook with extension labels translated.
import type { Extension } from '@openshift/dynamic-plugin-sdk';
import { useResolvedExtensions as useLoaderResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { translateExtension } from '../i18n/translate-extension';

type Guard = (e: Extension) => boolean;

const combined = new WeakMap<Guard, { predicate?: Guard; next: WeakMap<Guard, unknown> }>();

/** One predicate per sequence of guards (by identity), so the loader hook sees a stable predicate. */
const combineGuards = (guards: Guard[]): Guard => {
  let level = combined as WeakMap<Guard, { predicate?: Guard; next: WeakMap<Guard, unknown> }>;
  let node: { predicate?: Guard; next: WeakMap<Guard, unknown> } | undefined;
  for (const guard of guards) {
    node = level.get(guard);
    if (!node) {
      node = { next: new WeakMap() };
      level.set(guard, node);
    }
    level = node.next as typeof level;
  }
  if (!node) return () => true;
  node.predicate ??= (e: Extension) => guards.some((g) => g(e));
  return node.predicate;
};

export const useResolvedExtensions = <E extends Extension>(
  ...typeGuards: ((e: Extension) => e is E)[]
): [E[], boolean, unknown[]] => {
  const predicate = combineGuards(typeGuards) as (e: Extension) => e is E;
  const [extensions, resolved, errors] = useLoaderResolvedExtensions(predicate);
  const { t } = useTranslation();
  const translated = useMemo(
    () => extensions.map((e) => translateExtension(e, t)),
    [extensions, t],
  );
  return [translated as unknown as E[], resolved, errors];
};
