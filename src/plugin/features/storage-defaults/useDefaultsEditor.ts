// One editing session of the storage defaults ConfigMap: the server version it started from, the draft (form
// rows or YAML text, switching without loss), validation, save with the base resourceVersion (create when the
// ConfigMap does not exist), and conflict resolution (reload, or re-apply the edit on top of the remote version).
import { useCallback, useMemo, useState } from 'react';
import { k8sCreate, k8sGet, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import {
  STORAGE_DEFAULTS_CONFIG_MAP,
  changedKeys,
  dataFromForm,
  formFromData,
  hasErrors,
  reapplyOnTop,
  validateForm,
} from '../../../lib/storage-defaults';
import type {
  ConfigMapData,
  DataProblem,
  KeyChange,
  StorageDefaultsForm,
} from '../../../lib/storage-defaults';
import { checkStorageDefaultsYaml, toYaml } from '../../../lib/storage-defaults-yaml';
import type { ConfigMapObject, DefaultsYamlProblem } from '../../../lib/storage-defaults-yaml';
import { ConfigMapModel } from '../../k8s/models';
import { messageOf, statusOf } from '../../k8s/load-error';
import type { ConfigMapKind } from '../../k8s/types/cdi-settings';

export type EditorView = 'form' | 'yaml';

export interface Conflict {
  remote: ConfigMapObject;
  /** What changed on the server since the edit started. */
  remoteChanges: KeyChange[];
}

interface Session {
  view: EditorView;
  /** The server version the edit started from; `undefined` when the ConfigMap does not exist. */
  base: ConfigMapObject | undefined;
  /** The draft's object without its data (metadata etc.), from the last YAML parse or the base. */
  object: ConfigMapObject;
  form: StorageDefaultsForm;
  yaml: string;
}

const blankObject = (namespace: string): ConfigMapObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: STORAGE_DEFAULTS_CONFIG_MAP, namespace },
  data: {},
});

const sessionFrom = (
  base: ConfigMapObject | undefined,
  namespace: string,
  view: EditorView,
): Session => {
  const object = base ?? blankObject(namespace);
  return {
    view,
    base,
    object,
    form: formFromData(object.data),
    yaml: toYaml({ ...object, data: object.data ?? {} }),
  };
};

export interface DefaultsEditorInput {
  configMap: ConfigMapKind | undefined;
  namespace: string;
  loaded: boolean;
  storageClasses: string[] | undefined;
}

export const useDefaultsEditor = ({
  configMap,
  namespace,
  loaded,
  storageClasses,
}: DefaultsEditorInput) => {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState<Conflict | undefined>(undefined);
  const [overwritten, setOverwritten] = useState<KeyChange[]>([]);
  const [switchRefused, setSwitchRefused] = useState(false);

  const server = configMap as ConfigMapObject | undefined;
  const storedData = session?.base?.data;
  const baseData: ConfigMapData = useMemo(() => storedData ?? {}, [storedData]);
  const classKeyList = storageClasses?.join('\n');
  const context = useMemo(
    () => ({
      name: STORAGE_DEFAULTS_CONFIG_MAP,
      namespace,
      storageClasses: classKeyList === undefined ? undefined : classKeyList.split('\n'),
      stored: storedData,
    }),
    [namespace, classKeyList, storedData],
  );

  const view = session?.view;
  const yamlText = session?.yaml;
  const form = session?.form;
  const yamlCheck = useMemo(
    () =>
      view === 'yaml' && yamlText !== undefined
        ? checkStorageDefaultsYaml(yamlText, context)
        : undefined,
    [view, yamlText, context],
  );
  const formProblems: DataProblem[] = useMemo(
    () => (view === 'form' && form ? validateForm(form, context) : []),
    [view, form, context],
  );
  const draftData: ConfigMapData | undefined = session
    ? session.view === 'form'
      ? dataFromForm(session.form)
      : yamlCheck?.object?.data
    : undefined;
  const problems: (DataProblem | DefaultsYamlProblem)[] =
    session?.view === 'yaml' ? (yamlCheck?.problems ?? []) : formProblems;
  const blocked = hasErrors(problems) || draftData === undefined;

  const dataDirty =
    draftData !== undefined &&
    (changedKeys(baseData, draftData).length > 0 ||
      (session?.view === 'form' && session.form.overrides.some((row) => !row.storageClass)));
  const base = session?.base;
  const baseYaml = useMemo(
    () => toYaml({ ...(base ?? blankObject(namespace)), data: base?.data ?? {} }),
    [base, namespace],
  );
  const withoutData = (object: ConfigMapObject | undefined): string => {
    const rest = { ...(object ?? {}) };
    delete rest.data;
    return JSON.stringify(rest);
  };
  const yamlDirty =
    session?.view === 'yaml' &&
    (yamlCheck?.object
      ? withoutData(yamlCheck.object) !== withoutData(base ?? blankObject(namespace))
      : session.yaml !== baseYaml);
  const dirty = Boolean(session) && (dataDirty || yamlDirty);

  // Start, and follow the server while nothing is edited (state adjusted during render, as React recommends for
  // state derived from changing input).
  const serverVersion = server?.metadata?.resourceVersion;
  const baseVersion = session?.base?.metadata?.resourceVersion;
  if (loaded && !session) {
    setSession(sessionFrom(server, namespace, 'form'));
  } else if (loaded && session && !dirty && !conflict && serverVersion !== baseVersion) {
    setSession(sessionFrom(server, namespace, session.view));
  }

  const remoteChangedWhileEditing =
    dirty && serverVersion !== undefined && serverVersion !== baseVersion;

  const setForm = useCallback((form: StorageDefaultsForm) => {
    setSaved(false);
    setSession((s) => (s ? { ...s, form } : s));
  }, []);
  const setYaml = useCallback((yaml: string) => {
    setSaved(false);
    setSession((s) => (s ? { ...s, yaml } : s));
  }, []);

  const switchView = useCallback(
    (view: EditorView) => {
      setSwitchRefused(false);
      setSession((s) => {
        if (!s || s.view === view) return s;
        if (view === 'yaml') {
          const object = { ...s.object, data: dataFromForm(s.form) };
          return { ...s, view, object, yaml: toYaml(object) };
        }
        const check = checkStorageDefaultsYaml(s.yaml, context);
        if (!check.object) {
          setSwitchRefused(true);
          return s;
        }
        return { ...s, view, object: check.object, form: formFromData(check.object.data) };
      });
    },
    [context],
  );

  const restart = useCallback(
    (base: ConfigMapObject | undefined) => {
      setConflict(undefined);
      setSession((s) => sessionFrom(base, namespace, s?.view ?? 'form'));
    },
    [namespace],
  );

  const save = useCallback(async () => {
    if (!session || blocked) return;
    setSaving(true);
    setSaveError(undefined);
    setSaved(false);
    const source = session.view === 'yaml' ? (yamlCheck?.object ?? session.object) : session.object;
    const metadata = {
      ...(source.metadata ?? {}),
      name: STORAGE_DEFAULTS_CONFIG_MAP,
      namespace,
    };
    try {
      let result: ConfigMapKind;
      if (!session.base) {
        delete metadata.resourceVersion;
        result = await k8sCreate<ConfigMapKind>({
          model: ConfigMapModel,
          data: { ...source, apiVersion: 'v1', kind: 'ConfigMap', metadata, data: draftData },
        });
      } else {
        metadata.resourceVersion = session.base.metadata?.resourceVersion;
        result = await k8sUpdate<ConfigMapKind>({
          model: ConfigMapModel,
          data: { ...source, apiVersion: 'v1', kind: 'ConfigMap', metadata, data: draftData },
        });
      }
      setOverwritten([]);
      restart(result as ConfigMapObject);
      setSaved(true);
    } catch (error) {
      const status = statusOf(error);
      if (status === 409) {
        try {
          const remote = await k8sGet<ConfigMapKind>({
            model: ConfigMapModel,
            name: STORAGE_DEFAULTS_CONFIG_MAP,
            ns: namespace,
          });
          const remoteObject = remote as ConfigMapObject;
          setConflict({
            remote: remoteObject,
            remoteChanges: changedKeys(baseData, remoteObject.data ?? {}),
          });
        } catch (getError) {
          setSaveError(messageOf(getError));
        }
      } else {
        setSaveError(messageOf(error));
      }
    } finally {
      setSaving(false);
    }
  }, [session, blocked, draftData, yamlCheck, namespace, restart, baseData]);

  const reload = useCallback(() => {
    setOverwritten([]);
    setSaved(false);
    restart(conflict?.remote ?? server);
  }, [conflict, server, restart]);

  const reapply = useCallback(() => {
    if (!conflict || !draftData || !session) return;
    const merged = reapplyOnTop(baseData, draftData, conflict.remote.data ?? {});
    const object = { ...conflict.remote, data: merged.data };
    setOverwritten(merged.overwritten);
    setConflict(undefined);
    setSession({
      view: session.view,
      base: conflict.remote,
      object,
      form: formFromData(merged.data),
      yaml: toYaml(object),
    });
  }, [conflict, draftData, session, baseData]);

  return {
    session,
    problems,
    yamlProblems: yamlCheck?.problems ?? [],
    draftData,
    baseData,
    blocked,
    dirty,
    saving,
    saved,
    saveError,
    conflict,
    overwritten,
    switchRefused,
    remoteChangedWhileEditing,
    creating: session !== undefined && session.base === undefined,
    setForm,
    setYaml,
    switchView,
    save,
    reload,
    reapply,
  };
};

export type DefaultsEditor = ReturnType<typeof useDefaultsEditor>;
