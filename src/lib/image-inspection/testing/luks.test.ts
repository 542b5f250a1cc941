/**
 * The hand-built LUKS fixtures are what qemu makes and reads: real qemu-img opens them with the
 * passphrase (checking the master-key digest through the key slot), refuses a wrong one, and finds no
 * error in the qcow2's refcounts. They are the same bytes on every call (no timing, no randomness).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luksQcow2, luksVolume } from './luks';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const PASS = 'fixture-passphrase';
let dir: string;
const at = (name: string) => path.join(dir, name);
const secret = (data: string) => ['--object', `secret,id=sec0,data=${data}`];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'luks-fixture-'));
  await writeFile(at('v.luks'), luksVolume(PASS, 4 * MiB));
  await writeFile(at('e.qcow2'), luksQcow2(PASS, 8 * MiB));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('deterministic LUKS fixtures', () => {
  it('are the same bytes on every call', () => {
    expect(luksVolume(PASS, MiB).equals(luksVolume(PASS, MiB))).toBe(true);
    expect(luksQcow2(PASS, MiB).equals(luksQcow2(PASS, MiB))).toBe(true);
  });

  it('raw LUKS: qemu-img reads it as luks and unlocks it only with the passphrase', async () => {
    const { stdout } = await run('qemu-img', ['info', '--output=json', at('v.luks')]);
    expect(JSON.parse(stdout)).toMatchObject({ format: 'luks', 'virtual-size': 4 * MiB });
    const open = (pass: string) =>
      run('qemu-img', [
        'convert',
        ...secret(pass),
        '--image-opts',
        `driver=luks,key-secret=sec0,file.filename=${at('v.luks')}`,
        '-O',
        'raw',
        at(`out-${pass}.raw`),
      ]);
    await expect(open(PASS)).resolves.toBeDefined();
    await expect(open('wrong')).rejects.toThrow(/Invalid password/);
  });

  it('LUKS in qcow2: qemu-img check finds no error and the key slot opens', async () => {
    const { stdout } = await run('qemu-img', ['info', '--output=json', at('e.qcow2')]);
    expect(JSON.parse(stdout)).toMatchObject({
      format: 'qcow2',
      encrypted: true,
      'virtual-size': 8 * MiB,
    });
    const check = (pass: string) =>
      run('qemu-img', [
        'check',
        ...secret(pass),
        '--image-opts',
        `driver=qcow2,encrypt.key-secret=sec0,file.filename=${at('e.qcow2')}`,
      ]);
    expect((await check(PASS)).stdout).toMatch(/No errors were found/);
    await expect(check('wrong')).rejects.toThrow(/Invalid password/);
  });
});
