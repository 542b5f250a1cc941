// Validation of a HostPathProvisioner backing directory: an absolute node path that is safe to hand to the
// provisioner, to `chcon -R` and to a systemd unit. Pure; the UI turns the problem codes into sentences.

export type BackingPathProblem =
  | { code: 'empty' }
  | { code: 'not-absolute' }
  | { code: 'root' }
  | { code: 'parent-segment' }
  | { code: 'unclean'; suggestion: string }
  | { code: 'bad-characters' }
  | { code: 'too-long'; max: number }
  | { code: 'system-directory'; directory: string }
  | { code: 'contains-system-directory'; directory: string }
  | { code: 'rhcos-read-only' };

/** The webhook's limit for `storagePools[].path` and `pathConfig.path`. */
const MAX_BACKING_PATH_LENGTH = 255;

/**
 * Directories of the operating system, the kubelet and the container runtime. The backing directory may be
 * neither one of them, nor inside one, nor a parent of one (a recursive `chcon` there would relabel them).
 */
const SYSTEM_DIRECTORIES: readonly string[] = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/tmp',
  '/usr',
  '/var/lib/containers',
  '/var/lib/etcd',
  '/var/lib/kubelet',
  '/var/log',
  '/var/run',
  '/var/tmp',
];

/** Where RHCOS lets a directory be created: everything else under `/` is read-only there. */
const RHCOS_WRITABLE_ROOTS: readonly string[] = ['/var', '/mnt'];

const SAFE_CHARACTERS = /^[A-Za-z0-9._/-]+$/;

const isInside = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

/** Collapses repeated slashes and drops a trailing slash (`/var//hp/` → `/var/hp`). */
export const cleanPath = (path: string): string => {
  const collapsed = path.replace(/\/+/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
};

export interface BackingPathContext {
  /** Whether RHCOS nodes are among the targeted nodes (their `/` is read-only). */
  rhcosTargeted?: boolean;
}

/** Every problem of `raw` as a backing directory; empty when it can be used. */
export const validateBackingPath = (
  raw: string,
  context: BackingPathContext = {},
): BackingPathProblem[] => {
  const path = raw.trim();
  if (!path) return [{ code: 'empty' }];
  if (!path.startsWith('/')) return [{ code: 'not-absolute' }];
  const problems: BackingPathProblem[] = [];
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return [{ code: 'root' }];
  if (segments.includes('..')) problems.push({ code: 'parent-segment' });
  if (!SAFE_CHARACTERS.test(path)) problems.push({ code: 'bad-characters' });
  if (path.length > MAX_BACKING_PATH_LENGTH)
    problems.push({ code: 'too-long', max: MAX_BACKING_PATH_LENGTH });
  const clean = cleanPath(path);
  if (!problems.some((p) => p.code === 'parent-segment') && segments.includes('.')) {
    problems.push({
      code: 'unclean',
      suggestion: `/${segments.filter((s) => s !== '.').join('/')}`,
    });
  } else if (clean !== path) {
    problems.push({ code: 'unclean', suggestion: clean });
  }
  const system = SYSTEM_DIRECTORIES.find((dir) => isInside(clean, dir));
  if (system) problems.push({ code: 'system-directory', directory: system });
  else {
    const contained = SYSTEM_DIRECTORIES.find((dir) => isInside(dir, clean));
    if (contained) problems.push({ code: 'contains-system-directory', directory: contained });
  }
  if (
    context.rhcosTargeted &&
    !system &&
    !RHCOS_WRITABLE_ROOTS.some((root) => clean.startsWith(`${root}/`))
  ) {
    problems.push({ code: 'rhcos-read-only' });
  }
  return problems;
};

export type PoolNameProblem =
  { code: 'empty' } | { code: 'too-long'; max: number } | { code: 'invalid' };

/** The webhook's limit for `storagePools[].name`. */
const MAX_POOL_NAME_LENGTH = 50;

/**
 * A storage pool name: non-blank, at most 50 characters (webhook), and usable as a StorageClass parameter
 * and a directory-safe word (lowercase letters, digits, `-`, `.`, `_`).
 */
export const validatePoolName = (raw: string): PoolNameProblem[] => {
  const name = raw.trim();
  if (!name) return [{ code: 'empty' }];
  if (name.length > MAX_POOL_NAME_LENGTH) return [{ code: 'too-long', max: MAX_POOL_NAME_LENGTH }];
  return /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(name) ? [] : [{ code: 'invalid' }];
};
