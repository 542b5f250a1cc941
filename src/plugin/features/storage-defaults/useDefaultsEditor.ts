// The storage defaults ConfigMap as an editor document: the form edits `data` (rows of per-class overrides),
// the YAML view the whole ConfigMap; saving creates it where it does not exist (its namespace discovered), else
// updates it with the base resourceVersion. The session logic is `useDocumentEditor`'s.
import { useMemo } from 'react';
import { k8sCreate, k8sGet, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import {
  STORAGE_DEFAULTS_CONFIG_MAP,
  changedKeys,
  dataFromForm,
  formFromData,
  reapplyOnTop,
  validateForm,
} from '../../../lib/storage-defaults';
import type {
  ConfigMapData,
  DataProblem,
  StorageDefaultsForm,
} from '../../../lib/storage-defaults';
import { checkStorageDefaultsYaml, toYaml } from '../../../lib/storage-defaults-yaml';
import type { ConfigMapObject, DefaultsYamlProblem } from '../../../lib/storage-defaults-yaml';
import { ConfigMapModel } from '../../k8s/models';
import type { ConfigMapKind } from '../../k8s/types/cdi-settings';
import { useDocumentEditor } from './useDocumentEditor';
import type { EditorDocument } from './useDocumentEditor';

export interface DefaultsEditorInput {
  configMap: ConfigMapKind | undefined;
  namespace: string;
  loaded: boolean;
  storageClasses: string[] | undefined;
}

type DefaultsDocument = EditorDocument<
  ConfigMapObject,
  StorageDefaultsForm,
  ConfigMapData,
  DataProblem | DefaultsYamlProblem
>;

const withoutData = (object: ConfigMapObject): string => {
  const rest = { ...object };
  delete rest.data;
  return JSON.stringify(rest);
};

const configMapDocument = (
  namespace: string,
  storageClasses: string[] | undefined,
): DefaultsDocument => {
  // Keys unchanged from the version the edit started from are only warnings (validateData's `stored`).
  const contextFor = (base: ConfigMapObject | undefined) => ({
    name: STORAGE_DEFAULTS_CONFIG_MAP,
    namespace,
    storageClasses,
    stored: base?.data,
  });
  const asKind = (object: ConfigMapObject, resourceVersion: string | undefined): ConfigMapKind => {
    const metadata = { ...(object.metadata ?? {}), name: STORAGE_DEFAULTS_CONFIG_MAP, namespace };
    delete metadata.resourceVersion;
    return {
      ...object,
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: resourceVersion ? { ...metadata, resourceVersion } : metadata,
    };
  };
  return {
    blank: () => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: STORAGE_DEFAULTS_CONFIG_MAP, namespace },
      data: {},
    }),
    formOf: formFromData,
    draftOf: (object) => object.data ?? {},
    withDraft: (object, data) => ({ ...object, data }),
    draftFromForm: (form) => dataFromForm(form),
    toYaml: (object) => toYaml({ ...object, data: object.data ?? {} }),
    checkYaml: (text, base) => checkStorageDefaultsYaml(text, contextFor(base)),
    validateForm: (form, _data, base) => validateForm(form, contextFor(base)),
    changes: (before, after) => changedKeys(before ?? {}, after ?? {}),
    unfinished: (form) => form.overrides.some((row) => !row.storageClass),
    outsideDraft: withoutData,
    reapply: (base, mine, theirs) => {
      const merged = reapplyOnTop(base ?? {}, mine, theirs ?? {});
      return { draft: merged.data, overwritten: merged.overwritten };
    },
    write: async (object, base) =>
      (base
        ? await k8sUpdate<ConfigMapKind>({
            model: ConfigMapModel,
            data: asKind(object, base.metadata?.resourceVersion),
          })
        : await k8sCreate<ConfigMapKind>({
            model: ConfigMapModel,
            data: asKind(object, undefined),
          })) as ConfigMapObject,
    fetchLatest: async () =>
      (await k8sGet<ConfigMapKind>({
        model: ConfigMapModel,
        name: STORAGE_DEFAULTS_CONFIG_MAP,
        ns: namespace,
      })) as ConfigMapObject,
  };
};

export const useDefaultsEditor = ({
  configMap,
  namespace,
  loaded,
  storageClasses,
}: DefaultsEditorInput) => {
  // Stable while its inputs are: the class list by value.
  const classList = storageClasses?.join('\n');
  const doc = useMemo(
    () => configMapDocument(namespace, classList === undefined ? undefined : classList.split('\n')),
    [namespace, classList],
  );
  return useDocumentEditor(configMap as ConfigMapObject | undefined, loaded, doc);
};

export type DefaultsEditor = ReturnType<typeof useDefaultsEditor>;
