// A StorageProfile as an editor document: the form edits `spec` (claim property sets, clone strategy, source
// format), the YAML view the editable metadata and the spec; saving is a PUT with the base resourceVersion (CDI
// creates profiles, so there is nothing to create). The session logic is `useDocumentEditor`'s.
import { useMemo } from 'react';
import { k8sGet, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import {
  formFromSpec,
  reapplySpecOnTop,
  specChanges,
  specFromForm,
  validateProfileSpec,
} from '../../../lib/storage-profiles';
import type {
  ProfileContext,
  ProfileProblem,
  SpecChange,
  StorageProfileForm,
  StorageProfileObject,
  StorageProfileSpec,
} from '../../../lib/storage-profiles';
import {
  checkStorageProfileYaml,
  editableMetadata,
  profileToYaml,
} from '../../../lib/storage-profiles-yaml';
import type { ProfileYamlProblem } from '../../../lib/storage-profiles-yaml';
import type { KeyChange } from '../../../lib/storage-defaults';
import { StorageProfileModel } from '../../k8s/models';
import type { StorageProfileKind } from '../../k8s/types/cdi-settings';
import { useDocumentEditor } from './useDocumentEditor';
import type { EditorDocument } from './useDocumentEditor';

const asKeyChange = ({ field, before, after }: SpecChange): KeyChange => ({
  key: field,
  before,
  after,
});

const profileDocument = (
  context: ProfileContext,
): EditorDocument<
  StorageProfileObject,
  StorageProfileForm,
  StorageProfileSpec,
  ProfileProblem | ProfileYamlProblem
> => ({
  formOf: formFromSpec,
  draftOf: (object) => object.spec ?? {},
  withDraft: (object, spec) => ({ ...object, spec }),
  draftFromForm: (form, base) => specFromForm(form, base?.spec),
  toYaml: profileToYaml,
  checkYaml: (text) => checkStorageProfileYaml(text, context),
  validateForm: (_form, spec) => validateProfileSpec(spec, context),
  changes: (before, after) => specChanges(before, after).map(asKeyChange),
  outsideDraft: (object) => JSON.stringify(editableMetadata(object.metadata)),
  reapply: (base, mine, theirs) => {
    const merged = reapplySpecOnTop(base, mine, theirs);
    return { draft: merged.spec, overwritten: merged.overwritten.map(asKeyChange) };
  },
  // Only labels and annotations come from the YAML view; everything else is the base's.
  write: async (object, base) =>
    (await k8sUpdate<StorageProfileKind>({
      model: StorageProfileModel,
      data: {
        ...(base as StorageProfileKind),
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'StorageProfile',
        metadata: {
          ...base?.metadata,
          labels: object.metadata?.labels as Record<string, string> | undefined,
          annotations: object.metadata?.annotations as Record<string, string> | undefined,
          resourceVersion: base?.metadata?.resourceVersion,
        },
        spec: object.spec,
      },
    })) as StorageProfileObject,
  fetchLatest: async (base) =>
    (await k8sGet<StorageProfileKind>({
      model: StorageProfileModel,
      name: base?.metadata?.name ?? '',
    })) as StorageProfileObject,
});

/** One profile's editor; mount it with `key` = the profile's name so that another profile starts afresh. */
export const useProfileEditor = (
  profile: StorageProfileKind | undefined,
  context: ProfileContext,
) => {
  const doc = useMemo(() => profileDocument(context), [context]);
  return useDocumentEditor(profile as StorageProfileObject | undefined, profile !== undefined, doc);
};

export type ProfileEditor = ReturnType<typeof useProfileEditor>;
