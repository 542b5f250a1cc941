/**
 * Names, sizes and node paths as the forms receive them: every form validator refuses each bad value with a
 * specific message, and the same value sent to the cluster through the bridge stand-in is refused too, leaving
 * every existing object and disk byte as it was (snapshot after each case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBlankDisk } from '../../src/lib/blank-datavolume';
import { validateBackingPath, validatePoolName } from '../../src/lib/host-paths';
import { objectNameError } from '../../src/lib/k8s-names';
import { pathProblem, validateLocalPV } from '../../src/lib/local-pv';
import { quantityError } from '../../src/lib/quantity';
import { differences, snapshot, type Snapshot } from '../support/snapshot';
import { BrowserSession, KUBE, startStack, type Stack } from '../support/stack';
import { BAD_LABELS, BAD_NAMES, BAD_PATHS, BAD_QUANTITIES } from './corpus';

let stack: Stack;
let admin: BrowserSession;
let before: Snapshot;

beforeAll(async () => {
  stack = await startStack();
  admin = await new BrowserSession(stack.base).loginAs('admin');
  before = await snapshot(stack);
});

afterAll(async () => {
  await stack.close();
});

async function expectIntact(): Promise<void> {
  expect(differences(before, await snapshot(stack))).toEqual([]);
}

const localPvInput = {
  name: 'local-pv-ok',
  node: 'worker-1',
  path: '/mnt/local-storage/extra/disk9',
  capacity: '5Gi',
  storageClassName: 'local',
  labelsText: '',
};
const localPvContext = { nodes: new Map([['worker-1', 'worker-1']]), existing: [] };
const blankDisk = {
  name: 'blank-ok',
  namespace: 'vm-images',
  size: '5Gi',
  storageClassName: '',
  accessMode: 'ReadWriteOnce',
  volumeMode: 'Filesystem' as const,
};

const pvc = (name: string, storage = '1Gi') => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
});

describe('the corpus is not refused wholesale', () => {
  it('valid values pass every validator', () => {
    expect(validateLocalPV(localPvInput, localPvContext)).toEqual([]);
    expect(validateBlankDisk(blankDisk, [])).toEqual([]);
    expect(validateBackingPath('/var/hpvolumes')).toEqual([]);
    expect(validatePoolName('pool-1')).toEqual([]);
  });
});

describe('names Kubernetes rejects', () => {
  for (const [name, why] of BAD_NAMES) {
    it(`${why}: ${JSON.stringify(name).slice(0, 40)}`, async () => {
      const message = objectNameError(name);
      expect(message).toMatch(/.{10,}/);
      expect(validateLocalPV({ ...localPvInput, name }, localPvContext)).toContainEqual(
        expect.objectContaining({ field: 'name', kind: 'invalid', message }),
      );
      expect(validateBlankDisk({ ...blankDisk, name }, [])).toContainEqual(
        expect.objectContaining({ field: 'name', kind: 'invalid' }),
      );
      const res = await admin.request(
        'POST',
        `${KUBE}/api/v1/namespaces/vm-images/persistentvolumeclaims`,
        pvc(name),
      );
      expect(res.status).toBe(422);
      // The form says what the API server says.
      expect((JSON.parse(res.body) as { message: string }).message).toContain(message);
      await expectIntact();
    });
  }
  for (const [name, why] of BAD_LABELS) {
    it(`as a DataVolume name (DNS-1123 label), ${why}`, () => {
      expect(objectNameError(name, 'label')).toMatch(/.{10,}/);
      expect(validateBlankDisk({ ...blankDisk, name }, [])).toContainEqual(
        expect.objectContaining({ field: 'name', kind: 'invalid' }),
      );
    });
  }
});

describe('quantities', () => {
  for (const [quantity, reason] of BAD_QUANTITIES) {
    it(`${JSON.stringify(quantity)} → ${String(reason)}`, async () => {
      expect(quantityError(quantity)).toMatch(reason);
      expect(
        validateLocalPV({ ...localPvInput, capacity: quantity }, localPvContext),
      ).toContainEqual(expect.objectContaining({ field: 'capacity', kind: 'invalid' }));
      expect(validateBlankDisk({ ...blankDisk, size: quantity }, [])).toContainEqual(
        expect.objectContaining({ field: 'size', kind: 'invalid' }),
      );
      const res = await admin.request(
        'POST',
        `${KUBE}/api/v1/namespaces/vm-images/persistentvolumeclaims`,
        pvc('quantity-case', quantity),
      );
      // The API server refuses all but 1e100, which it parses (a form must still refuse it).
      if (quantity !== '1e100') {
        expect([400, 422]).toContain(res.status);
        expect((JSON.parse(res.body) as { message: string }).message).toMatch(
          /quantit|storage|greater/i,
        );
      } else if (res.status < 300) {
        const url = `${KUBE}/api/v1/namespaces/vm-images/persistentvolumeclaims/quantity-case`;
        await admin.request('DELETE', url);
        // Deletion is not immediate (the protection finalizer is released by a controller): wait until the
        // claim is gone before taking the new baseline, or a later case sees it vanish.
        while ((await admin.request('GET', url)).status !== 404) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        before = await snapshot(stack);
      }
      await expectIntact();
    });
  }
  it('zero is refused by the forms as too small', () => {
    expect(validateLocalPV({ ...localPvInput, capacity: '0' }, localPvContext)).toContainEqual({
      field: 'capacity',
      kind: 'zero',
    });
    expect(validateBlankDisk({ ...blankDisk, size: '0' }, [])).toContainEqual(
      expect.objectContaining({ field: 'size' }),
    );
  });
});

describe('node paths', () => {
  for (const [p, why] of BAD_PATHS) {
    it(`${why}: ${JSON.stringify(p)}`, () => {
      expect(pathProblem(p)).toBeDefined();
      expect(validateLocalPV({ ...localPvInput, path: p }, localPvContext)).toContainEqual(
        expect.objectContaining({ field: 'path' }),
      );
      // The HPP form trims what the user typed (surrounding white space is not part of the path).
      if (p.trim() === p || p.trim() === '')
        expect(validateBackingPath(p).length).toBeGreaterThan(0);
      else expect(validateBackingPath(p)).toEqual(validateBackingPath(p.trim()));
    });
  }
  it('system directories are refused as HPP backing paths', () => {
    for (const p of ['/etc', '/var/lib/kubelet', '/usr/local', '/var']) {
      expect(validateBackingPath(p).map((x) => x.code)).toEqual(
        expect.arrayContaining([expect.stringMatching(/system-directory/)]),
      );
    }
  });
  it('pool names with path characters are refused', () => {
    for (const n of ['../x', 'a/b', 'A', ' ', 'x'.repeat(51), 'pool\u0000']) {
      expect(validatePoolName(n).length).toBeGreaterThan(0);
    }
  });
});
