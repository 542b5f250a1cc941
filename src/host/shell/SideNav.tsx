import type { FC, ReactNode } from 'react';
import { forwardRef, useMemo } from 'react';
import { Nav, NavExpandable, NavItem, NavList } from '@patternfly/react-core';
import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useActiveNamespace } from '../sdk/console-context';
import { translateString } from '../i18n/translate-extension';
import { builtinNav } from './builtin-nav';
import { inAdminPerspective, isNavHref, isNavSection } from './extension-types';
import type { NavLinkModel } from './nav-model';
import { buildNavTree, isLinkActive } from './nav-model';
import { navHref } from './namespace-route';

/** NavItem renders its `component` with `href`; route it through react-router instead of a page load. */
const RouterAnchor = forwardRef<HTMLAnchorElement, { href?: string; children?: ReactNode }>(
  ({ href = '/', children, ...rest }, ref) => (
    <Link ref={ref} to={href} {...rest}>
      {children}
    </Link>
  ),
);
RouterAnchor.displayName = 'RouterAnchor';

const dataProps = (attributes: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(attributes ?? {}).filter(([k]) => k.startsWith('data-')));

const NavLinkItem: FC<{ link: NavLinkModel; pathname: string }> = ({ link, pathname }) => (
  <NavItem
    itemId={link.id}
    to={link.href}
    component={RouterAnchor}
    isActive={isLinkActive(link, pathname)}
    data-test-id={`nav-${link.id}`}
    data-plugin-nav={link.fromPlugin ? 'true' : undefined}
    {...dataProps(link.dataAttributes)}
  >
    {link.name}
  </NavItem>
);

export const SideNav: FC = () => {
  const { pathname } = useLocation();
  const [namespace] = useActiveNamespace();
  const { t } = useTranslation();
  const sectionExtensions = useExtensions(isNavSection);
  const hrefExtensions = useExtensions(isNavHref);

  const tree = useMemo(() => {
    const builtin = builtinNav(namespace);
    const tr = (s: string) => translateString(s, (key) => t(key));
    return buildNavTree({
      sections: [
        ...builtin.sections,
        ...sectionExtensions.filter(inAdminPerspective).map((e) => ({
          ...e.properties,
          ...(e.properties.name ? { name: tr(e.properties.name) } : {}),
        })),
      ],
      links: [
        ...builtin.links,
        ...hrefExtensions.filter(inAdminPerspective).map((e) => ({
          ...e.properties,
          name: tr(e.properties.name),
          href: navHref(e.properties, namespace),
          fromPlugin: true,
        })),
      ],
    });
  }, [namespace, sectionExtensions, hrefExtensions, t]);

  return (
    <Nav aria-label="Global" data-test="host-nav">
      <NavList>
        {tree.sections.map((section) => (
          <NavExpandable
            key={section.id}
            title={section.name ?? section.id}
            groupId={section.id}
            isExpanded
            isActive={section.links.some((l) => isLinkActive(l, pathname))}
            data-test-id={`nav-section-${section.id}`}
            {...dataProps(section.dataAttributes)}
          >
            {section.links.map((link) => (
              <NavLinkItem key={link.id} link={link} pathname={pathname} />
            ))}
          </NavExpandable>
        ))}
        {tree.top.map((link) => (
          <NavLinkItem key={link.id} link={link} pathname={pathname} />
        ))}
      </NavList>
    </Nav>
  );
};
