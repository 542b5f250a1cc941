// The sidebar's model: the host's built-in sections and links merged with the plugin's
// `console.navigation/section|href` extensions (admin perspective), each level ordered.
import type { Positioned } from './nav-order';
import { sortByInsertion } from './nav-order';

export interface NavLinkModel extends Positioned {
  name: string;
  href: string;
  startsWith?: string[];
  dataAttributes?: Record<string, string>;
  fromPlugin: boolean;
}

export interface NavSectionModel extends Positioned {
  name?: string;
  links: NavLinkModel[];
  dataAttributes?: Record<string, string>;
}

export interface NavTree {
  top: NavLinkModel[];
  sections: NavSectionModel[];
}

export interface NavInput {
  sections: (Positioned & { name?: string; dataAttributes?: Record<string, string> })[];
  links: (NavLinkModel & { section?: string })[];
}

export const buildNavTree = ({ sections, links }: NavInput): NavTree => {
  const sectionModels: NavSectionModel[] = sortByInsertion(sections).map((s) => ({
    ...s,
    links: sortByInsertion(links.filter((l) => l.section === s.id)),
  }));
  const known = new Set(sections.map((s) => s.id));
  const top = sortByInsertion(links.filter((l) => !l.section || !known.has(l.section)));
  return { top, sections: sectionModels.filter((s) => s.links.length > 0) };
};

export const isLinkActive = (
  link: { href: string; startsWith?: string[] },
  pathname: string,
): boolean => {
  const prefixes = [link.href, ...(link.startsWith ?? [])];
  return prefixes.some((p) =>
    p === '/'
      ? pathname === '/'
      : pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`),
  );
};
