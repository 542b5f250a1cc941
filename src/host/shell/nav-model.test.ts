import { describe, expect, it } from 'vitest';
import { buildNavTree, isLinkActive } from './nav-model';

const link = (id: string, section?: string, extra: object = {}) => ({
  id,
  name: id,
  href: `/${id}`,
  fromPlugin: false,
  ...(section ? { section } : {}),
  ...extra,
});

describe('nav tree', () => {
  it('puts links in their sections, orders both levels and drops empty sections', () => {
    const tree = buildNavTree({
      sections: [
        { id: 'home' },
        { id: 'storage' },
        { id: 'vm-disks', insertAfter: 'storage' },
        { id: 'empty' },
      ],
      links: [
        link('pvcs', 'storage'),
        link('overview', 'vm-disks'),
        link('local', 'vm-disks', { insertBefore: 'overview' }),
        link('search', 'home'),
        link('orphan', 'nowhere'),
        link('top'),
      ],
    });
    expect(tree.sections.map((s) => s.id)).toEqual(['home', 'storage', 'vm-disks']);
    expect(tree.sections[2]?.links.map((l) => l.id)).toEqual(['local', 'overview']);
    expect(tree.top.map((l) => l.id)).toEqual(['orphan', 'top']);
  });
  it('marks links active on their path and sub-paths', () => {
    expect(isLinkActive({ href: '/vm-disks/overview' }, '/vm-disks/overview')).toBe(true);
    expect(isLinkActive({ href: '/vm-disks/overview' }, '/vm-disks/overview/x')).toBe(true);
    expect(isLinkActive({ href: '/vm-disks/overview' }, '/vm-disks/overviews')).toBe(false);
    expect(isLinkActive({ href: '/' }, '/k8s')).toBe(false);
    expect(isLinkActive({ href: '/a', startsWith: ['/b'] }, '/b/c')).toBe(true);
  });
});
