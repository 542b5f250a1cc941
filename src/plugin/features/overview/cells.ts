/** Shown in a cell that has no value (not translated: a typographic mark, as the console does). */
export const NO_VALUE = '—';

const collator = new Intl.Collator(undefined, { numeric: true });

/** Sort by namespace, then name, numbers in names compared as numbers (`pv-2` before `pv-10`). */
export const byNamespaceAndName = (
  a: { metadata?: { name?: string; namespace?: string } },
  b: { metadata?: { name?: string; namespace?: string } },
): number =>
  collator.compare(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') ||
  collator.compare(a.metadata?.name ?? '', b.metadata?.name ?? '');

/** Objects sorted by namespace and name, as a new array. */
export const sortedByName = <T extends { metadata?: { name?: string; namespace?: string } }>(
  items: readonly T[],
): T[] => [...items].sort(byNamespaceAndName);
