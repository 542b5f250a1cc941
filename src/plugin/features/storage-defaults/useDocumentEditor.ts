// One conflict-safe editing session of one cluster object, in a Form view and a YAML view of the same object
// (switching without loss): the server version it started from, the draft, validation, save with the base
// resourceVersion, and conflict resolution (reload, or re-apply the edit on top of the remote version). While
// nothing is edited the session follows the server. What differs between the objects edited this way (the storage
// defaults ConfigMap, a StorageProfile) is an `EditorDocument`; the session logic exists once, here.
import { useCallback, useMemo, useState } from 'react';
import type { KeyChange } from '../../../lib/storage-defaults';
import { messageOf, statusOf } from '../../k8s/load-error';

export type EditorView = 'form' | 'yaml';

/**
 * How one kind of object is edited. `D` is the part the form edits (a ConfigMap's `data`, a profile's `spec`);
 * the YAML view edits the whole object. Must be stable (memoised) while its inputs do not change.
 */
export interface EditorDocument<O, F, D, P extends { severity: string }> {
  /** The object a save creates when the server has none; without it nothing is edited until one exists. */
  blank?: () => O;
  formOf: (draft: D | undefined) => F;
  draftOf: (object: O) => D | undefined;
  withDraft: (object: O, draft: D) => O;
  draftFromForm: (form: F, base: O | undefined) => D;
  toYaml: (object: O) => string;
  /** `base` is the server version the edit started from (a value unchanged from it may be only a warning). */
  checkYaml: (text: string, base: O | undefined) => { object?: O; problems: P[] };
  validateForm: (form: F, draft: D, base: O | undefined) => P[];
  /** What changed between two drafts, one line per key (dirty check, the conflict's and re-apply's diffs). */
  changes: (before: D | undefined, after: D | undefined) => KeyChange[];
  /** The form counts as edited although its draft is unchanged (e.g. a row without a class yet). */
  unfinished?: (form: F) => boolean;
  /** What the YAML view may change besides the draft, as a comparable string. */
  outsideDraft: (object: O) => string;
  reapply: (
    base: D | undefined,
    mine: D,
    theirs: D | undefined,
  ) => { draft: D; overwritten: KeyChange[] };
  /** Creates (`base` undefined) or updates (with `base`'s resourceVersion) the object; the server's answer. */
  write: (object: O, base: O | undefined) => Promise<O>;
  /** The server's version after a 409. */
  fetchLatest: (base: O | undefined) => Promise<O>;
}

interface Session<O, F> {
  view: EditorView;
  /** The server version the edit started from; `undefined` when the object does not exist yet. */
  base: O | undefined;
  /** The draft's object outside the draft (metadata…), from the last YAML parse or the base. */
  object: O;
  form: F;
  yaml: string;
}

export interface Conflict<O> {
  remote: O;
  /** What changed on the server since the edit started. */
  remoteChanges: KeyChange[];
}

const versionOf = (object: unknown): string | undefined =>
  (object as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;

/**
 * `server` is the object as watched (`undefined` while loading or when it does not exist); `ready` says the
 * watch has answered, so that `undefined` means "does not exist".
 */
export const useDocumentEditor = <O, F, D, P extends { severity: string }>(
  server: O | undefined,
  ready: boolean,
  doc: EditorDocument<O, F, D, P>,
) => {
  const [session, setSession] = useState<Session<O, F> | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState<Conflict<O> | undefined>(undefined);
  const [overwritten, setOverwritten] = useState<KeyChange[]>([]);
  const [switchRefused, setSwitchRefused] = useState(false);

  const sessionFrom = useCallback(
    (base: O | undefined, view: EditorView): Session<O, F> | undefined => {
      const object = base ?? doc.blank?.();
      if (object === undefined) return undefined;
      return {
        view,
        base,
        object,
        form: doc.formOf(doc.draftOf(object)),
        yaml: doc.toYaml(object),
      };
    },
    [doc],
  );

  const view = session?.view;
  const yamlText = session?.yaml;
  const form = session?.form;
  const base = session?.base;
  const yamlCheck = useMemo(
    () => (view === 'yaml' && yamlText !== undefined ? doc.checkYaml(yamlText, base) : undefined),
    [view, yamlText, base, doc],
  );
  const draft: D | undefined = useMemo(() => {
    if (view === 'form' && form !== undefined) return doc.draftFromForm(form, base);
    if (view === 'yaml' && yamlCheck?.object) return doc.draftOf(yamlCheck.object);
    return undefined;
  }, [view, form, base, yamlCheck, doc]);
  const problems: P[] = useMemo(() => {
    if (view === 'yaml') return yamlCheck?.problems ?? [];
    return form !== undefined && draft !== undefined ? doc.validateForm(form, draft, base) : [];
  }, [view, yamlCheck, form, draft, base, doc]);
  const blocked = problems.some((p) => p.severity === 'error') || draft === undefined;

  const baseDraft = base === undefined ? undefined : doc.draftOf(base);
  const draftDirty =
    draft !== undefined &&
    (doc.changes(baseDraft, draft).length > 0 ||
      (session?.view === 'form' && doc.unfinished?.(session.form) === true));
  // Compared with what the edit started from (the base, or the blank object a save would create).
  const origin = session ? (session.base ?? doc.blank?.()) : undefined;
  const yamlDirty =
    session?.view === 'yaml' &&
    origin !== undefined &&
    (yamlCheck?.object
      ? doc.outsideDraft(yamlCheck.object) !== doc.outsideDraft(origin)
      : session.yaml !== doc.toYaml(origin));
  const dirty = Boolean(session) && (draftDirty || yamlDirty);

  // Start, and follow the server while nothing is edited (state adjusted during render, as React recommends for
  // state derived from changing input).
  const serverVersion = versionOf(server);
  const baseVersion = versionOf(base);
  if (ready && !session) {
    const started = sessionFrom(server, 'form');
    if (started) setSession(started);
  } else if (ready && session && !dirty && !conflict && serverVersion !== baseVersion) {
    const followed = sessionFrom(server, session.view);
    if (followed) setSession(followed);
  }
  const remoteChangedWhileEditing =
    dirty && serverVersion !== undefined && serverVersion !== baseVersion;

  const setForm = useCallback((next: F) => {
    setSaved(false);
    setSession((s) => (s ? { ...s, form: next } : s));
  }, []);
  const setYaml = useCallback((next: string) => {
    setSaved(false);
    setSession((s) => (s ? { ...s, yaml: next } : s));
  }, []);

  const switchView = useCallback(
    (next: EditorView) => {
      setSwitchRefused(false);
      setSession((s) => {
        if (!s || s.view === next) return s;
        if (next === 'yaml') {
          const object = doc.withDraft(s.object, doc.draftFromForm(s.form, s.base));
          return { ...s, view: next, object, yaml: doc.toYaml(object) };
        }
        const check = doc.checkYaml(s.yaml, s.base);
        if (!check.object) {
          setSwitchRefused(true);
          return s;
        }
        return {
          ...s,
          view: next,
          object: check.object,
          form: doc.formOf(doc.draftOf(check.object)),
        };
      });
    },
    [doc],
  );

  const restart = useCallback(
    (next: O | undefined) => {
      setConflict(undefined);
      setSession((s) => sessionFrom(next, s?.view ?? 'form') ?? s);
    },
    [sessionFrom],
  );

  const save = useCallback(async () => {
    if (!session || blocked) return;
    setSaving(true);
    setSaveError(undefined);
    setSaved(false);
    const source = session.view === 'yaml' ? (yamlCheck?.object ?? session.object) : session.object;
    try {
      const result = await doc.write(doc.withDraft(source, draft), session.base);
      setOverwritten([]);
      restart(result);
      setSaved(true);
    } catch (error) {
      if (statusOf(error) === 409) {
        try {
          const remote = await doc.fetchLatest(session.base);
          setConflict({ remote, remoteChanges: doc.changes(baseDraft, doc.draftOf(remote)) });
        } catch (fetchError) {
          setSaveError(messageOf(fetchError));
        }
      } else {
        setSaveError(messageOf(error));
      }
    } finally {
      setSaving(false);
    }
  }, [session, blocked, yamlCheck, doc, draft, restart, baseDraft]);

  const reload = useCallback(() => {
    setOverwritten([]);
    setSaved(false);
    restart(conflict?.remote ?? server);
  }, [conflict, server, restart]);

  const reapply = useCallback(() => {
    if (!conflict || draft === undefined || !session) return;
    const merged = doc.reapply(baseDraft, draft, doc.draftOf(conflict.remote));
    const object = doc.withDraft(conflict.remote, merged.draft);
    setOverwritten(merged.overwritten);
    setConflict(undefined);
    setSession({
      view: session.view,
      base: conflict.remote,
      object: conflict.remote,
      form: doc.formOf(merged.draft),
      yaml: doc.toYaml(object),
    });
  }, [conflict, draft, session, doc, baseDraft]);

  return {
    session,
    problems,
    draft,
    baseDraft,
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

export type DocumentEditor = ReturnType<typeof useDocumentEditor>;
