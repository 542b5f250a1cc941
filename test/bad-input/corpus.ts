/** The inputs users and attackers send, shared by the bad-input suites. */

/** Names Kubernetes rejects for objects (DNS-1123 subdomain), with why. */
export const BAD_NAMES: readonly [string, string][] = [
  ['', 'empty'],
  ['Disk_1', 'upper case and underscore'],
  ['UPPER', 'upper case'],
  ['-lead', 'leading dash'],
  ['trail-', 'trailing dash'],
  ['a..b', 'empty DNS label'],
  ['..', 'dot-dot'],
  ['a b', 'space'],
  ['a\u0000b', 'NUL'],
  ['a/b', 'slash'],
  ['x'.repeat(254), '254 characters'],
  ['ünï', 'non-ASCII'],
  ['a%2fb', 'percent-encoded slash'],
  ['<script>', 'markup'],
];

/** Names valid as subdomains but not as DNS-1123 labels (DataVolume and PVC names via CDI, namespaces). */
export const BAD_LABELS: readonly [string, string][] = [
  ['disk.v2', 'dot'],
  ['x'.repeat(64), '64 characters'],
];

/** Quantities a size field must refuse, with the API server's reason. */
export const BAD_QUANTITIES: readonly [string, RegExp][] = [
  ['2Gb', /regular expression/],
  ['-1Gi', /greater than or equal to 0/],
  ['1e100', /overflow/],
  ['', /regular expression/],
  ['abc', /regular expression/],
  ['1.5.5Gi', /numeric part/],
  ['0x10', /regular expression/],
  ['1 Gi', /regular expression/],
  ['Gi', /regular expression/],
  ['1GiB', /regular expression/],
  ['10iG', /suffix/],
];

/** Node paths a local PV or a HostPathProvisioner backing directory must refuse. */
export const BAD_PATHS: readonly [string, string][] = [
  ['', 'empty'],
  ['relative/dir', 'not absolute'],
  ['/', 'the root'],
  ['/mnt/../etc', 'parent segment'],
  ['/mnt/local/..', 'trailing parent segment'],
  ['/mnt/my disk', 'space'],
  ['/mnt/disk\u0000x', 'NUL'],
  [' /mnt/disk', 'leading space'],
  ['/mnt/disk\n', 'new line'],
];
