import type { FC } from 'react';
import { useEffect, useState } from 'react';
import {
  Divider,
  Dropdown,
  DropdownGroup,
  DropdownItem,
  DropdownList,
  MenuToggle,
} from '@patternfly/react-core';
import { UserIcon } from '@patternfly/react-icons';
import { consoleFetchJSON } from '../sdk/console-fetch';

interface CurrentUser {
  username: string;
  groups?: string[];
}

const namesOf = (body: unknown): string[] => {
  const list = Array.isArray(body) ? body : (body as { users?: unknown } | null)?.users;
  if (!Array.isArray(list)) return [];
  return list
    .map((u: unknown) =>
      typeof u === 'string'
        ? u
        : ((u as { name?: string; username?: string }).name ??
          (u as { username?: string }).username),
    )
    .filter((u): u is string => typeof u === 'string');
};

/** The signed-in user from `/auth/user`, a sandbox user switcher and log out. */
export const UserMenu: FC = () => {
  const [user, setUser] = useState<CurrentUser | undefined>();
  const [sandboxUsers, setSandboxUsers] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    consoleFetchJSON('/auth/user')
      .then((body) => {
        if (live) setUser(body as CurrentUser);
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    consoleFetchJSON('/auth/sandbox-users')
      .then((body) => {
        if (live) setSandboxUsers(namesOf(body));
      })
      .catch(() => {
        // Not a sandbox: no user switcher.
      });
    return () => {
      live = false;
    };
  }, []);

  const post = (url: string, body?: unknown) => {
    void consoleFetchJSON
      .post(url, body ?? {})
      .catch((error: unknown) => {
        console.warn(`${url} failed`, error);
      })
      .finally(() => {
        window.location.reload();
      });
  };

  const name = user?.username ?? (failed ? 'Unknown user' : '…');
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="plainText"
          icon={<UserIcon />}
          isExpanded={open}
          onClick={() => {
            setOpen((o) => !o);
          }}
          data-test="user-menu"
        >
          <span data-test="username">{name}</span>
        </MenuToggle>
      )}
    >
      {sandboxUsers.length > 0 && (
        <>
          <DropdownGroup label="Switch user">
            <DropdownList>
              {sandboxUsers.map((u) => (
                <DropdownItem
                  key={u}
                  data-test={`switch-user-${u}`}
                  isSelected={u === user?.username}
                  onClick={() => {
                    post('/auth/login-as', { username: u });
                  }}
                >
                  {u}
                </DropdownItem>
              ))}
            </DropdownList>
          </DropdownGroup>
          <Divider />
        </>
      )}
      <DropdownList>
        <DropdownItem
          data-test="log-out"
          onClick={() => {
            post('/auth/logout');
          }}
        >
          Log out
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
};
