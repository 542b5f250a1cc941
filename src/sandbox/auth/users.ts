import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface SandboxUser {
  name: string;
  token: string;
  groups: string[];
}

export interface UsersFile {
  users: SandboxUser[];
}

const usersFile = (dataDir: string): string => join(dataDir, 'users.json');

const newToken = (): string => `sha256~${randomBytes(32).toString('base64url')}`;

/** The default users: a cluster admin, a namespace-scoped developer and a read-only viewer. */
const defaultUsers = (): SandboxUser[] => [
  { name: 'admin', token: newToken(), groups: ['system:masters', 'system:authenticated'] },
  { name: 'developer', token: newToken(), groups: ['system:authenticated'] },
  { name: 'viewer', token: newToken(), groups: ['system:authenticated'] },
];

/** Reads `${dataDir}/users.json`, creating it with random tokens on first start. */
export const loadUsers = async (dataDir: string): Promise<SandboxUser[]> => {
  const file = usersFile(dataDir);
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as UsersFile;
    return parsed.users.map((u) => ({
      name: u.name,
      token: u.token,
      groups: u.groups.includes('system:authenticated')
        ? u.groups
        : [...u.groups, 'system:authenticated'],
    }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const users = defaultUsers();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
    return users;
  }
};

export class Authenticator {
  private readonly byToken: Map<string, SandboxUser>;

  constructor(readonly users: SandboxUser[]) {
    this.byToken = new Map(users.map((u) => [u.token, u]));
  }

  authenticate(token: string | undefined): SandboxUser | undefined {
    return token ? this.byToken.get(token) : undefined;
  }

  find(name: string): SandboxUser | undefined {
    return this.users.find((u) => u.name === name);
  }
}
