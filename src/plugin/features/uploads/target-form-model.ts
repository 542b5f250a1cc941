// The upload target form as a pure function: what the user chose (form state) and what the cluster says (classes,
// storage defaults, DataVolumes, access reviews) in; the effective values, the manifests' input, the problems per
// field and whether Start is allowed out. No React, no SDK: tested with a table of cases
// (target-form-model.test.ts).
import { checkUpload, proposedSizeBytes, sizeQuantity } from '../../../lib/cdi-upload-rules';
import type { UploadCheck, UploadProblem, UploadProblemCode } from '../../../lib/cdi-upload-rules';
import type { ImageInspection } from '../../../lib/image-inspection';
import { bytesOf } from '../../../lib/quantity';
import type { DataVolumeKind } from '../../k8s/types';
import { WAITING_FOR_CONSUMER } from '../../components/volume-wait/force-bind-patch';
import type { TargetKind, TargetValues } from './manifests';
import type { TargetContext } from './useTargetDefaults';
import { volumeModeOf } from '../../k8s/selectors/api-enums';

/** What the user chose; `undefined` means "the derived default" (class defaults, proposed size). */
export interface TargetFormState {
  kind: TargetKind;
  name: string;
  namespace: string;
  storageClassName: string;
  accessMode?: string;
  volumeMode?: 'Filesystem' | 'Block';
  size?: string;
  forceBind?: boolean;
  /** The existing DataVolume picked; empty: the first upload DataVolume of the namespace. */
  pickedExisting: string;
  forceBindConsent: boolean;
  textConfirmed: boolean;
}

export interface TargetFormInput {
  state: TargetFormState;
  fileName: string;
  image: ImageInspection;
  looksLikeText: boolean;
  ctx: TargetContext;
  claim?: TargetValues['claim'];
  dataVolumes: DataVolumeKind[];
  /** Namespaces the user may list; undefined while unknown (then any name is accepted). */
  namespaceNames?: string[];
  access: {
    canCreateTarget: boolean;
    targetLoading: boolean;
    canUpload: boolean;
    uploadLoading: boolean;
  };
}

/** Where a problem is shown beside its field (`form`: only in the summary). */
export type TargetField =
  'namespace' | 'name' | 'size' | 'access' | 'volume-mode' | 'existing' | 'form';

export type FormProblemCode =
  | 'namespace-empty'
  | 'namespace-missing'
  | 'no-create-pvc'
  | 'no-create-dv'
  | 'no-upload'
  | 'force-bind-consent'
  | 'text-consent';

export type TargetProblem =
  | { source: 'upload'; field: TargetField; problem: UploadProblem }
  | { source: 'form'; field: TargetField; code: FormProblemCode; params: Record<string, string> };

export interface TargetFormModel {
  values: TargetValues;
  effectiveSize: string;
  proposed: string;
  effectiveAccess: string;
  effectiveVolume: 'Filesystem' | 'Block';
  effectiveForceBind: boolean;
  /** The class binds on first use (WaitForFirstConsumer): offer force-bind for a new target. */
  wffc: boolean;
  uploadDvs: DataVolumeKind[];
  existingName: string;
  existing?: DataVolumeKind;
  /** The existing DataVolume waits for a consumer: uploading needs the user's consent to force-bind it. */
  existingWaits: boolean;
  needsText: boolean;
  check: UploadCheck;
  /** Shown beside the namespace field only (not in the summary), as before the split. */
  namespaceProblem?: TargetProblem;
  /** The summary's problems, in order: CDI's refusals, missing rights, missing consents. */
  problems: TargetProblem[];
  ready: boolean;
}

const UPLOAD_FIELD: Partial<Record<UploadProblemCode, TargetField>> = {
  'invalid-name': 'name',
  'invalid-size': 'size',
  'too-small': 'size',
  'unknown-size': 'size',
  'read-only-access': 'access',
  'archive-to-block': 'volume-mode',
  'existing-not-found': 'existing',
  'existing-not-upload': 'existing',
  'existing-done': 'existing',
};

const claimOf = (dv?: DataVolumeKind) => dv?.spec?.storage ?? dv?.spec?.pvc;

const quantityBytes = (quantity: string | undefined): number | null => {
  if (!quantity) return null;
  const b = bytesOf(quantity);
  return b === undefined ? null : Number(b);
};

export const initialTargetState = (
  suggestedName: string,
  activeNamespace: string | undefined,
  initial?: TargetValues,
): TargetFormState => ({
  kind: initial?.kind ?? 'new-dv',
  name: initial?.name ?? suggestedName,
  namespace: initial?.namespace ?? activeNamespace ?? 'default',
  storageClassName: initial?.storageClassName ?? '',
  ...(initial?.accessMode !== undefined ? { accessMode: initial.accessMode } : {}),
  ...(initial?.volumeMode !== undefined ? { volumeMode: initial.volumeMode } : {}),
  ...(initial?.size !== undefined ? { size: initial.size } : {}),
  ...(initial?.forceBind !== undefined ? { forceBind: initial.forceBind } : {}),
  pickedExisting: initial?.kind === 'existing-dv' ? initial.name : '',
  forceBindConsent: false,
  textConfirmed: false,
});

export const targetFormModel = (input: TargetFormInput): TargetFormModel => {
  const { state, image, ctx, access } = input;
  const { kind, namespace } = state;
  const effectiveAccess = state.accessMode ?? ctx.accessMode;
  const effectiveVolume = state.volumeMode ?? ctx.volumeMode;
  const proposed =
    image.virtualSize !== null
      ? sizeQuantity(proposedSizeBytes(image.virtualSize, effectiveVolume, ctx.overhead))
      : '';
  const effectiveSize = state.size ?? proposed;
  const wffc = ctx.selectedClass?.volumeBindingMode === 'WaitForFirstConsumer';
  const effectiveForceBind = state.forceBind ?? wffc;

  const uploadDvs = input.dataVolumes.filter((dv) => dv.spec?.source?.upload !== undefined);
  const existingName = state.pickedExisting || (uploadDvs[0]?.metadata?.name ?? '');
  const existing = input.dataVolumes.find((dv) => dv.metadata?.name === existingName);
  const existingClaim = claimOf(existing);
  const targetName = kind === 'existing-dv' ? existingName : state.name;

  const check = checkUpload(image, {
    kind,
    name: targetName,
    namespace,
    sizeBytes:
      kind === 'existing-dv'
        ? quantityBytes(existingClaim?.resources?.requests?.storage)
        : quantityBytes(effectiveSize),
    volumeMode:
      kind === 'existing-dv'
        ? (volumeModeOf(existingClaim?.volumeMode) ?? 'Filesystem')
        : effectiveVolume,
    accessMode: effectiveAccess,
    filesystemOverhead: ctx.overhead,
    ...(kind === 'existing-dv'
      ? {
          existing: {
            found: Boolean(existing),
            isUploadSource: existing?.spec?.source?.upload !== undefined,
            ...(existing?.status?.phase ? { phase: existing.status.phase } : {}),
          },
        }
      : {}),
  });

  // An existing DataVolume on a class that binds on first use waits for a consumer; an upload has none, so it
  // must be force-bound (as `virtctl image-upload --force-bind` does), with the user's consent.
  const existingWaits =
    kind === 'existing-dv' && WAITING_FOR_CONSUMER.has(existing?.status?.phase ?? '');
  const needsText = input.looksLikeText && image.format === 'raw';

  const formProblem = (
    field: TargetField,
    code: FormProblemCode,
    params: Record<string, string> = {},
  ): TargetProblem => ({ source: 'form', field, code, params });

  const namespaceProblem = !namespace.trim()
    ? formProblem('namespace', 'namespace-empty')
    : input.namespaceNames && !input.namespaceNames.includes(namespace)
      ? formProblem('namespace', 'namespace-missing', { namespace })
      : undefined;

  const problems: TargetProblem[] = check.problems.map((problem) => ({
    source: 'upload',
    field: UPLOAD_FIELD[problem.code] ?? 'form',
    problem,
  }));
  if (!namespaceProblem && !access.targetLoading && !access.canCreateTarget) {
    problems.push(
      formProblem('form', kind === 'new-pvc' ? 'no-create-pvc' : 'no-create-dv', { namespace }),
    );
  }
  if (!namespaceProblem && !access.uploadLoading && !access.canUpload) {
    problems.push(formProblem('form', 'no-upload', { namespace }));
  }
  if (existingWaits && !state.forceBindConsent) {
    problems.push(formProblem('existing', 'force-bind-consent', { name: targetName }));
  }
  if (needsText && !state.textConfirmed) {
    problems.push(formProblem('form', 'text-consent', { file: input.fileName }));
  }

  const values: TargetValues = {
    kind,
    name: targetName,
    namespace,
    size:
      kind === 'existing-dv' ? (existingClaim?.resources?.requests?.storage ?? '') : effectiveSize,
    storageClassName: state.storageClassName || (ctx.defaultClass?.metadata?.name ?? ''),
    accessMode: effectiveAccess,
    volumeMode: effectiveVolume,
    forceBind:
      kind === 'existing-dv' ? existingWaits && state.forceBindConsent : effectiveForceBind,
    ...(kind === 'new-dv' && input.claim ? { claim: input.claim } : {}),
  };

  return {
    values,
    effectiveSize,
    proposed,
    effectiveAccess,
    effectiveVolume,
    effectiveForceBind,
    wffc,
    uploadDvs,
    existingName,
    ...(existing ? { existing } : {}),
    existingWaits,
    needsText,
    check,
    ...(namespaceProblem ? { namespaceProblem } : {}),
    problems,
    ready:
      problems.length === 0 && !namespaceProblem && !access.targetLoading && !access.uploadLoading,
  };
};

/** The problems shown beside one field. */
export const problemsOf = (model: TargetFormModel, field: TargetField): TargetProblem[] =>
  model.problems.filter((p) => p.field === field);
