import type { FC, ReactNode } from 'react';
import { forwardRef } from 'react';
import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  PageToggleButton,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { BarsIcon } from '@patternfly/react-icons';
import { Link } from 'react-router';
import { HOST_TITLE } from '../sdk/components/DocumentTitle';
import { NamespaceSelector } from './NamespaceSelector';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';

const HomeLink = forwardRef<HTMLAnchorElement, { children?: ReactNode; className?: string }>(
  ({ children, className }, ref) => (
    <Link
      ref={ref}
      to="/"
      className={['vm-disks-host__brand-link', className].filter(Boolean).join(' ')}
    >
      {children}
    </Link>
  ),
);
HomeLink.displayName = 'HomeLink';

export const HostMasthead: FC = () => (
  <Masthead>
    <MastheadMain>
      <MastheadToggle>
        <PageToggleButton variant="plain" aria-label="Global navigation">
          <BarsIcon />
        </PageToggleButton>
      </MastheadToggle>
      <MastheadBrand>
        <MastheadLogo component={HomeLink}>
          <span className="vm-disks-host__brand">{HOST_TITLE}</span>
        </MastheadLogo>
      </MastheadBrand>
    </MastheadMain>
    <MastheadContent>
      <Toolbar isFullHeight isStatic>
        <ToolbarContent>
          <ToolbarGroup>
            <ToolbarItem>
              <NamespaceSelector />
            </ToolbarItem>
          </ToolbarGroup>
          <ToolbarGroup align={{ default: 'alignEnd' }}>
            <ToolbarItem>
              <ThemeToggle />
            </ToolbarItem>
            <ToolbarItem>
              <UserMenu />
            </ToolbarItem>
          </ToolbarGroup>
        </ToolbarContent>
      </Toolbar>
    </MastheadContent>
  </Masthead>
);
