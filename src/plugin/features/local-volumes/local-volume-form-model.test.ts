// The local PV form's decisions as a table: defaults (path per mode, a free name, the backing file), which
// problems show while typing and which only after Create, the loop device commands. A local PV needs
// `spec.local.path` and a required nodeAffinity on the node (kubernetes/kubernetes pkg/apis/core/validation/
// validation.go ValidatePersistentVolumeSpec: "Local volume requires node affinity"); src/lib/local-pv.ts checks
// the values themselves (tested there).
import { describe, expect, it } from 'vitest';
import type { LocalPVContext } from '../../../lib/local-pv';
import {
  initialLocalVolumeState,
  localVolumeFormModel,
  type LocalVolumeField,
  type LocalVolumeFormState,
} from './local-volume-form-model';

const context: LocalPVContext = {
  nodes: new Map([
    ['worker-0', 'worker-0'],
    ['worker-1', 'worker-1.example.com'],
  ]),
  existing: [{ name: 'local-block-pv-worker-0', hostnames: ['worker-0'], path: '/dev/loop10' }],
};
const state = (over: Partial<LocalVolumeFormState> = {}): LocalVolumeFormState => ({
  ...initialLocalVolumeState({
    node: 'worker-1',
    capacity: '2Gi',
    volumeMode: 'Block',
    storageClassName: 'local',
  }),
  ...over,
});
const FIELDS: LocalVolumeField[] = [
  'name',
  'node',
  'path',
  'backingFile',
  'capacity',
  'storageClassName',
  'labels',
];
const shownKinds = (s: LocalVolumeFormState) => {
  const model = localVolumeFormModel(s, context);
  return Object.fromEntries(
    FIELDS.flatMap((f) => {
      const p = model.shown(f);
      return p ? [[f, p.kind]] : [];
    }),
  );
};

describe('localVolumeFormModel', () => {
  it.each([
    { name: 'the defaults are valid', s: state(), shown: {} },
    {
      name: 'an invalid name shows while typing',
      s: state({ name: 'Bad_Name' }),
      shown: { name: 'invalid' },
    },
    {
      name: 'a zero capacity shows while typing',
      s: state({ capacity: '0' }),
      shown: { capacity: 'zero' },
    },
    {
      name: 'a relative path shows while typing',
      s: state({ path: 'dev/loop3' }),
      shown: { path: 'not-absolute' },
    },
    {
      name: 'a path another PV on the node holds is claimed',
      s: state({ node: 'worker-0', path: '/dev/loop10', name: 'other' }),
      shown: { path: 'claimed' },
    },
    { name: 'a missing node shows only after Create', s: state({ node: '' }), shown: {} },
    {
      name: 'after Create the node is asked for',
      s: state({ node: '', touched: true }),
      shown: { node: 'missing' },
    },
    {
      name: 'bad labels show only after Create',
      s: state({ labelsText: 'a b', touched: true }),
      shown: { labels: 'invalid' },
    },
  ])('$name', ({ s, shown }) => {
    expect(shownKinds(s)).toEqual(shown);
  });

  it('derives path per mode, a free name on the node, and the backing file from the device', () => {
    const block = localVolumeFormModel(state({ node: 'worker-0' }), context);
    expect(block.path).toBe('/dev/loop10');
    // The name made from mode and node is taken: the next free one.
    expect(block.name).toBe('local-block-pv-worker-0-2');
    expect(block.backingFile).toBe('/var/local-storage/loop10.img');
    expect(block.commands?.some((c) => c.startsWith('dd '))).toBe(true);

    const fs = localVolumeFormModel(state({ volumeMode: 'Filesystem' }), context);
    expect(fs.path).toBe('/mnt/local-storage/local/disk1');
    expect(fs.name).toBe('local-fs-pv-worker-1');
    expect(fs.commands).toBeUndefined();
    expect(localVolumeFormModel(state({ loopBacked: false }), context).commands).toBeUndefined();
  });

  it('pins the manifest to the node’s hostname label', () => {
    const { manifest } = localVolumeFormModel(state(), context);
    expect(JSON.stringify(manifest.spec)).toContain('worker-1.example.com');
  });
});
