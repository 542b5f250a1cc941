// One editing session of a StorageProfile's spec: the server version it started from, the draft (form or YAML text,
// switching without loss), validation (src/lib/storage-profiles.ts), save with the base resourceVersion (a PUT, so
// a concurrent change answers 409), and conflict resolution (reload, or re-apply the edit on top of the remote
// version). The session follows the server while nothing is edited.
import { useCallback, useMemo, useState } from 'react';
import { k8sGet, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import {
  formFromSpec,
  hasProfileErrors,
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
import { StorageProfileModel } from '../../k8s/models';
import { messageOf, statusOf } from '../../k8s/load-error';
import type { StorageProfileKind } from '../../k8s/types/cdi-settings';
import type { EditorView } from './useDefaultsEditor';

interface Session {
  view: EditorView;
  base: StorageProfileObject;
  form: StorageProfileForm;
  yaml: string;
}

const sessionFrom = (base: StorageProfileObject, view: EditorView): Session => ({
  view,
  base,
  form: formFromSpec(base.spec),
  yaml: profileToYaml(base),
});

export interface ProfileConflict {
  remote: StorageProfileObject;
  remoteChanges: SpecChange[];
}

export const useProfileEditor = (
  profile: StorageProfileKind | undefined,
  context: ProfileContext,
) => {
  const server = profile as StorageProfileObject | undefined;
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState<ProfileConflict | undefined>(undefined);
  const [overwritten, setOverwritten] = useState<SpecChange[]>([]);
  const [switchRefused, setSwitchRefused] = useState(false);

  const view = session?.view;
  const yamlText = session?.yaml;
  const form = session?.form;
  const baseSpec = session?.base.spec;
  const yamlCheck = useMemo(
    () =>
      view === 'yaml' && yamlText !== undefined
        ? checkStorageProfileYaml(yamlText, context)
        : undefined,
    [view, yamlText, context],
  );
  const draftSpec: StorageProfileSpec | undefined = useMemo(() => {
    if (view === 'form' && form) return specFromForm(form, baseSpec);
    if (view === 'yaml' && yamlCheck?.object) return yamlCheck.object.spec ?? {};
    return undefined;
  }, [view, form, baseSpec, yamlCheck]);
  const formProblems = useMemo(
    () => (view === 'form' && draftSpec ? validateProfileSpec(draftSpec, context) : []),
    [view, draftSpec, context],
  );
  const problems: (ProfileProblem | ProfileYamlProblem)[] =
    session?.view === 'yaml' ? (yamlCheck?.problems ?? []) : formProblems;
  const blocked = hasProfileErrors(problems as ProfileProblem[]) || draftSpec === undefined;
  const specDirty =
    draftSpec !== undefined && specChanges(session?.base.spec, draftSpec).length > 0;
  const yamlDirty =
    session?.view === 'yaml' &&
    (yamlCheck?.object
      ? JSON.stringify(editableMetadata(yamlCheck.object.metadata)) !==
        JSON.stringify(editableMetadata(session.base.metadata))
      : session.yaml !== profileToYaml(session.base));
  const dirty = Boolean(session) && (specDirty || yamlDirty);

  const name = server?.metadata?.name;
  const serverVersion = server?.metadata?.resourceVersion;
  const baseVersion = session?.base.metadata?.resourceVersion;
  if (server && (!session || session.base.metadata?.name !== name)) {
    setSession(sessionFrom(server, 'form'));
    setConflict(undefined);
    setOverwritten([]);
    setSaved(false);
    setSaveError(undefined);
  } else if (server && session && !dirty && !conflict && serverVersion !== baseVersion) {
    setSession(sessionFrom(server, session.view));
  }
  const remoteChangedWhileEditing =
    dirty && serverVersion !== undefined && serverVersion !== baseVersion;

  const setForm = useCallback((form: StorageProfileForm) => {
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
          return {
            ...s,
            view,
            yaml: profileToYaml({ ...s.base, spec: specFromForm(s.form, s.base.spec) }),
          };
        }
        const check = checkStorageProfileYaml(s.yaml, context);
        if (!check.object) {
          setSwitchRefused(true);
          return s;
        }
        return { ...s, view, form: formFromSpec(check.object.spec) };
      });
    },
    [context],
  );

  const restart = useCallback((base: StorageProfileObject) => {
    setConflict(undefined);
    setSession((s) => sessionFrom(base, s?.view ?? 'form'));
  }, []);

  const save = useCallback(async () => {
    if (!session || blocked) return;
    setSaving(true);
    setSaveError(undefined);
    setSaved(false);
    const edited = session.view === 'yaml' ? yamlCheck?.object?.metadata : undefined;
    const metadata = {
      ...session.base.metadata,
      ...(edited
        ? {
            labels: edited.labels as Record<string, string> | undefined,
            annotations: edited.annotations as Record<string, string> | undefined,
          }
        : {}),
      resourceVersion: session.base.metadata?.resourceVersion,
    };
    try {
      const result = await k8sUpdate<StorageProfileKind>({
        model: StorageProfileModel,
        data: {
          ...(session.base as StorageProfileKind),
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'StorageProfile',
          metadata,
          spec: draftSpec,
        },
      });
      setOverwritten([]);
      restart(result as StorageProfileObject);
      setSaved(true);
    } catch (error) {
      if (statusOf(error) === 409) {
        try {
          const remote = (await k8sGet<StorageProfileKind>({
            model: StorageProfileModel,
            name: session.base.metadata?.name ?? '',
          })) as StorageProfileObject;
          setConflict({ remote, remoteChanges: specChanges(session.base.spec, remote.spec) });
        } catch (getError) {
          setSaveError(messageOf(getError));
        }
      } else {
        setSaveError(messageOf(error));
      }
    } finally {
      setSaving(false);
    }
  }, [session, blocked, draftSpec, yamlCheck, restart]);

  const reload = useCallback(() => {
    setOverwritten([]);
    setSaved(false);
    const next = conflict?.remote ?? server;
    if (next) restart(next);
  }, [conflict, server, restart]);

  const reapply = useCallback(() => {
    if (!conflict || !draftSpec || !session) return;
    const merged = reapplySpecOnTop(session.base.spec, draftSpec, conflict.remote.spec);
    const base = conflict.remote;
    setOverwritten(merged.overwritten);
    setConflict(undefined);
    setSession({
      view: session.view,
      base,
      form: formFromSpec(merged.spec),
      yaml: profileToYaml({ ...base, spec: merged.spec }),
    });
  }, [conflict, draftSpec, session]);

  return {
    session,
    problems,
    draftSpec,
    blocked,
    dirty,
    saving,
    saved,
    saveError,
    conflict,
    overwritten,
    switchRefused,
    remoteChangedWhileEditing,
    setForm,
    setYaml,
    switchView,
    save,
    reload,
    reapply,
  };
};

export type ProfileEditor = ReturnType<typeof useProfileEditor>;
