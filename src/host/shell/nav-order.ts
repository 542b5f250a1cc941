// Orders navigation entries the way the console does: entries keep their given order unless they ask
// to be inserted before/after another id (the first referenced id present wins); entries whose
// references are all missing go to the end.

export interface Positioned {
  id: string;
  insertBefore?: string | string[];
  insertAfter?: string | string[];
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const sortByInsertion = <T extends Positioned>(items: readonly T[]): T[] => {
  const anchored = (item: T) =>
    asList(item.insertBefore).length > 0 || asList(item.insertAfter).length > 0;
  const result: T[] = items.filter((i) => !anchored(i));
  let pending = items.filter(anchored);
  let progressed = true;
  while (pending.length > 0 && progressed) {
    progressed = false;
    const still: T[] = [];
    for (const item of pending) {
      const ids = result.map((r) => r.id);
      const before = asList(item.insertBefore).find((id) => ids.includes(id));
      const after =
        before === undefined ? asList(item.insertAfter).find((id) => ids.includes(id)) : undefined;
      if (before !== undefined) {
        result.splice(ids.indexOf(before), 0, item);
        progressed = true;
      } else if (after !== undefined) {
        result.splice(ids.indexOf(after) + 1, 0, item);
        progressed = true;
      } else {
        still.push(item);
      }
    }
    pending = still;
  }
  return [...result, ...pending];
};
