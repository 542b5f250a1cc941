// What every conflict-safe editor of this feature shows around its form or YAML view: the notice that the server
// version moved on, the conflict panel, what a re-apply overwrote, the Form / YAML switch, the save result, and
// Save / Reload in a sticky bar. The editors (storage defaults ConfigMap, StorageProfile) supply the two views.
import type { FC, ReactNode } from 'react';
import { Alert, Button, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import type { KeyChange } from '../../../lib/storage-defaults';
import { StickyActionBar } from '../../components/StickyActionBar';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ConflictPanel, DiffLines } from './ConflictPanel';
import type { EditorView } from './useDocumentEditor';

/** The Form / YAML switch; the selected side is the one `view` names. */
const ViewToggle: FC<{
  view: EditorView;
  onSwitch: (view: EditorView) => void;
  idPrefix: string;
}> = ({ view, onSwitch, idPrefix }) => {
  const { t } = usePluginTranslation();
  return (
    <ToggleGroup aria-label={t('Editor view')} className="vm-disks-plugin__block">
      <ToggleGroupItem
        text={t('Form view')}
        buttonId={`${idPrefix}-form-view`}
        data-test="view-form"
        isSelected={view === 'form'}
        onChange={() => {
          onSwitch('form');
        }}
      />
      <ToggleGroupItem
        text={t('YAML view')}
        buttonId={`${idPrefix}-yaml-view`}
        data-test="view-yaml"
        isSelected={view === 'yaml'}
        onChange={() => {
          onSwitch('yaml');
        }}
      />
    </ToggleGroup>
  );
};

/** The part of `useDocumentEditor`'s result the panel shows. */
export interface PanelEditor {
  session: { view: EditorView } | undefined;
  conflict: { remoteChanges: KeyChange[] } | undefined;
  overwritten: KeyChange[];
  remoteChangedWhileEditing: boolean;
  switchRefused: boolean;
  saveError: string | undefined;
  saved: boolean;
  dirty: boolean;
  blocked: boolean;
  saving: boolean;
  switchView: (view: EditorView) => void;
  save: () => Promise<void>;
  reload: () => void;
  reapply: () => void;
}

export interface DocumentEditorPanelProps {
  editor: PanelEditor;
  /** Makes the view toggle's ids unique on the page. */
  idPrefix: string;
  remoteChangedTitle: string;
  conflictTitle: string;
  saveLabel: string;
  /** The user may not save (the page's access notice says why). */
  saveDenied?: boolean;
  form: ReactNode;
  yaml: ReactNode;
}

export const DocumentEditorPanel: FC<DocumentEditorPanelProps> = ({
  editor,
  idPrefix,
  remoteChangedTitle,
  conflictTitle,
  saveLabel,
  saveDenied = false,
  form,
  yaml,
}) => {
  const { t } = usePluginTranslation();
  const { session } = editor;
  if (!session) return null;
  return (
    <>
      {editor.remoteChangedWhileEditing && !editor.conflict ? (
        <Alert
          isInline
          variant="info"
          title={remoteChangedTitle}
          data-test="remote-changed"
          className="vm-disks-plugin__block"
        >
          {t('Saving will show what changed and let you choose what to keep.')}
        </Alert>
      ) : null}
      {editor.conflict ? (
        <div className="vm-disks-plugin__block">
          <ConflictPanel
            title={conflictTitle}
            remoteChanges={editor.conflict.remoteChanges}
            onReload={editor.reload}
            onReapply={editor.reapply}
          />
        </div>
      ) : null}
      {editor.overwritten.length > 0 ? (
        <Alert
          isInline
          variant="warning"
          title={t('Your edit now overwrites these remote changes')}
          data-test="reapplied-overwrites"
          className="vm-disks-plugin__block"
        >
          <DiffLines changes={editor.overwritten} testId="reapplied-diff" />
        </Alert>
      ) : null}

      <ViewToggle view={session.view} onSwitch={editor.switchView} idPrefix={idPrefix} />
      {editor.switchRefused ? (
        <Alert
          isInline
          variant="danger"
          title={t('Fix the YAML syntax before switching to the form')}
          data-test="switch-refused"
          className="vm-disks-plugin__block"
        />
      ) : null}
      {session.view === 'form' ? form : yaml}

      {editor.saveError ? (
        <Alert
          isInline
          variant="danger"
          title={t('Could not save')}
          data-test="save-error"
          className="vm-disks-plugin__block"
        >
          {editor.saveError}
        </Alert>
      ) : null}
      {editor.saved && !editor.dirty ? (
        <Alert
          isInline
          variant="success"
          title={t('Saved')}
          data-test="saved"
          className="vm-disks-plugin__block"
        />
      ) : null}
      <StickyActionBar>
        <Button
          variant="primary"
          data-test="save"
          isDisabled={
            editor.blocked ||
            editor.saving ||
            !editor.dirty ||
            Boolean(editor.conflict) ||
            saveDenied
          }
          isLoading={editor.saving}
          onClick={() => {
            void editor.save();
          }}
        >
          {saveLabel}
        </Button>
        <Button
          variant="secondary"
          data-test="reload"
          isDisabled={editor.saving}
          onClick={editor.reload}
        >
          {t('Reload')}
        </Button>
        {editor.blocked && editor.dirty ? (
          <span className="vm-disks-plugin__blocked" data-test="save-blocked">
            {t('Fix the errors to save.')}
          </span>
        ) : null}
      </StickyActionBar>
    </>
  );
};
