// The upload target form's decisions, as a table: values (what the user chose, what the cluster says) in,
// the problems per field, the effective values and whether Start is allowed out.
// Upstream facts: a DataVolume on a WaitForFirstConsumer class sits in phase `WaitForFirstConsumer` (or
// `PendingPopulation` with populators) until something consumes it, and an upload pod is not a consumer, so it
// must be force-bound with `cdi.kubevirt.io/storage.bind.immediate.requested` (kubevirt/containerized-data-importer
// doc/waitforfirstconsumer-storage-handling.md, staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/
// core/v1beta1/types.go phases); CDI's own refusals come from src/lib/cdi-upload-rules.ts, tested there.
import { V1beta1StorageSpecVolumeModeEnum } from '@kubevirt-ui-ext/kubevirt-api/containerized-data-importer';
import { describe, expect, it } from 'vitest';
import type { ImageInspection } from '../../../lib/image-inspection';
import type { DataVolumeKind, StorageClassKind } from '../../k8s/types';
import {
  initialTargetState,
  problemsOf,
  targetFormModel,
  type TargetField,
  type TargetFormInput,
  type TargetFormState,
} from './target-form-model';
import type { TargetContext } from './useTargetDefaults';
import { storageClass } from '../../testing/kind-fixtures';

const GiB = 1024 ** 3;
const image: ImageInspection = {
  fileSize: 2 * GiB,
  empty: false,
  compression: null,
  uncompressedSize: null,
  format: 'qcow2',
  virtualSize: 10 * GiB,
  notes: [],
};
const FAST = storageClass('fast', 'Immediate', true);
const LOCAL = storageClass('local', 'WaitForFirstConsumer');
const ctxFor = (selected: StorageClassKind): TargetContext => ({
  classes: [FAST, LOCAL],
  defaultClass: FAST,
  selectedClass: selected,
  accessMode: 'ReadWriteOnce',
  volumeMode: 'Filesystem',
  defaultsLoaded: true,
  overhead: 0.055,
});
const uploadDv = (name: string, phase: string): DataVolumeKind => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace: 'vm-images' },
  spec: {
    source: { upload: {} },
    storage: {
      volumeMode: V1beta1StorageSpecVolumeModeEnum.Block,
      resources: { requests: { storage: '20Gi' } },
    },
  },
  status: { phase },
});

const base = (
  state: Partial<TargetFormState> = {},
  more: Partial<TargetFormInput> = {},
): TargetFormInput => ({
  state: { ...initialTargetState('fedora', 'vm-images'), ...state },
  fileName: 'fedora.qcow2',
  image,
  looksLikeText: false,
  ctx: ctxFor(FAST),
  dataVolumes: [],
  namespaceNames: ['vm-images', 'default'],
  access: { canCreateTarget: true, targetLoading: false, canUpload: true, uploadLoading: false },
  ...more,
});

interface Case {
  name: string;
  input: TargetFormInput;
  /** Problem codes per field (upload problems by their CDI code). */
  problems: Partial<Record<TargetField | 'namespace-field', string[]>>;
  ready: boolean;
}

const codesOf = (input: TargetFormInput) => {
  const model = targetFormModel(input);
  const byField: Partial<Record<TargetField | 'namespace-field', string[]>> = {};
  for (const p of model.problems) {
    (byField[p.field] ??= []).push(p.source === 'upload' ? p.problem.code : p.code);
  }
  if (model.namespaceProblem && model.namespaceProblem.source === 'form')
    byField['namespace-field'] = [model.namespaceProblem.code];
  return { byField, ready: model.ready };
};

const CASES: Case[] = [
  { name: 'a valid new DataVolume starts', input: base(), problems: {}, ready: true },
  {
    name: 'an invalid name is the name field’s problem',
    input: base({ name: 'Bad_Name' }),
    problems: { name: ['invalid-name'] },
    ready: false,
  },
  {
    name: 'a size below the virtual size is the size field’s problem',
    input: base({ size: '5Gi' }),
    problems: { size: ['too-small'] },
    ready: false,
  },
  {
    name: 'a read-only access mode is the access field’s problem',
    input: base({ accessMode: 'ReadOnlyMany' }),
    problems: { access: ['read-only-access'] },
    ready: false,
  },
  {
    name: 'an empty namespace is shown beside the field only, and blocks Start',
    input: base({ namespace: ' ' }),
    problems: { 'namespace-field': ['namespace-empty'] },
    ready: false,
  },
  {
    name: 'a namespace not in the list is refused',
    input: base({ namespace: 'nope' }),
    problems: { 'namespace-field': ['namespace-missing'] },
    ready: false,
  },
  {
    name: 'a free-text namespace (list unknown) is accepted',
    input: { ...base({ namespace: 'elsewhere' }), namespaceNames: undefined },
    problems: {},
    ready: true,
  },
  {
    name: 'missing rights name the object (PVC for a new PVC) and the upload token',
    input: base(
      { kind: 'new-pvc' },
      {
        access: {
          canCreateTarget: false,
          targetLoading: false,
          canUpload: false,
          uploadLoading: false,
        },
      },
    ),
    problems: { form: ['no-create-pvc', 'no-upload'] },
    ready: false,
  },
  {
    name: 'access reviews still loading block Start without a problem',
    input: base(
      {},
      {
        access: {
          canCreateTarget: false,
          targetLoading: true,
          canUpload: true,
          uploadLoading: true,
        },
      },
    ),
    problems: {},
    ready: false,
  },
  {
    name: 'an existing DataVolume waiting for a consumer needs consent',
    input: base(
      { kind: 'existing-dv' },
      { dataVolumes: [uploadDv('disk', 'WaitForFirstConsumer')] },
    ),
    problems: { existing: ['force-bind-consent'] },
    ready: false,
  },
  {
    name: 'with consent it starts (PendingPopulation, populators)',
    input: base(
      { kind: 'existing-dv', forceBindConsent: true },
      { dataVolumes: [uploadDv('disk', 'PendingPopulation')] },
    ),
    problems: {},
    ready: true,
  },
  {
    name: 'an existing DataVolume that already succeeded is refused',
    input: base({ kind: 'existing-dv' }, { dataVolumes: [uploadDv('disk', 'Succeeded')] }),
    problems: { existing: ['existing-done'] },
    ready: false,
  },
  {
    name: 'a raw file that reads as text needs confirmation',
    input: base({}, { image: { ...image, format: 'raw' }, looksLikeText: true }),
    problems: { form: ['text-consent'] },
    ready: false,
  },
];

describe('targetFormModel', () => {
  it.each(CASES)('$name', ({ input, problems, ready }) => {
    expect(codesOf(input)).toEqual({ byField: problems, ready });
  });

  it('derives size from the virtual size plus the overhead, and access/volume from the class defaults', () => {
    const model = targetFormModel(base());
    // 10 GiB / (1 - 0.055) rounded up to whole GiB.
    expect(model.values).toMatchObject({
      size: '11Gi',
      storageClassName: 'fast',
      accessMode: 'ReadWriteOnce',
      volumeMode: 'Filesystem',
      forceBind: false,
    });
    const block = targetFormModel(base({ volumeMode: 'Block' }));
    expect(block.values.size).toBe('10Gi');
  });

  it('a WaitForFirstConsumer class proposes force-bind until the user unticks it', () => {
    const wffc = base({ storageClassName: 'local' }, { ctx: ctxFor(LOCAL) });
    expect(targetFormModel(wffc).values.forceBind).toBe(true);
    expect(targetFormModel(wffc).wffc).toBe(true);
    const unticked = base({ storageClassName: 'local', forceBind: false }, { ctx: ctxFor(LOCAL) });
    expect(targetFormModel(unticked).values.forceBind).toBe(false);
  });

  it('an existing DataVolume gives its own name, size and volume mode to the upload', () => {
    const model = targetFormModel(
      base(
        { kind: 'existing-dv', forceBindConsent: true },
        { dataVolumes: [uploadDv('other', 'Succeeded'), uploadDv('disk', 'WaitForFirstConsumer')] },
      ),
    );
    // The first upload DataVolume is preselected.
    expect(model.existingName).toBe('other');
    const picked = targetFormModel(
      base(
        { kind: 'existing-dv', pickedExisting: 'disk', forceBindConsent: true },
        { dataVolumes: [uploadDv('other', 'Succeeded'), uploadDv('disk', 'WaitForFirstConsumer')] },
      ),
    );
    expect(picked.values).toMatchObject({ name: 'disk', size: '20Gi', forceBind: true });
    expect(problemsOf(picked, 'existing')).toEqual([]);
  });

  it('starts from an earlier attempt’s values', () => {
    const state = initialTargetState('x', undefined, {
      kind: 'existing-dv',
      name: 'disk',
      namespace: 'vms',
      size: '1Gi',
      storageClassName: 'local',
      accessMode: 'ReadWriteMany',
      volumeMode: 'Block',
      forceBind: true,
    });
    expect(state).toMatchObject({
      kind: 'existing-dv',
      pickedExisting: 'disk',
      namespace: 'vms',
      accessMode: 'ReadWriteMany',
    });
    expect(initialTargetState('x', undefined).namespace).toBe('default');
  });
});
