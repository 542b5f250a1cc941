// Same file = same fingerprint: name, size and the SHA-256 of its first MiB (modification time is left out
// so a copy of the file still resumes).
export const fileFingerprint = (file: { name: string; size: number }, headSha256: string): string =>
  `vm-disks:${file.size}:${headSha256}:${file.name}`.slice(0, 200);
