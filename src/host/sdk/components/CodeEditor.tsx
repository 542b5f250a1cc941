// The SDK's CodeEditor on monaco-editor: forwardRef exposing `{ editor, monaco }` once the editor exists.
import type { ReactNode } from 'react';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Spinner } from '@patternfly/react-core';
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';

type MonacoNamespace = typeof Monaco;

export interface CodeEditorRef {
  editor: Monaco.editor.IStandaloneCodeEditor;
  monaco: MonacoNamespace;
}

export interface CodeEditorProps {
  value?: string;
  onChange?: (value: string, event: Monaco.editor.IModelContentChangedEvent) => void;
  language?: string;
  minHeight?: string;
  height?: string;
  isReadOnly?: boolean;
  isDarkTheme?: boolean;
  isLineNumbersVisible?: boolean;
  isMinimapVisible?: boolean;
  options?: Monaco.editor.IStandaloneEditorConstructionOptions;
  onEditorDidMount?: (editor: Monaco.editor.IStandaloneCodeEditor, monaco: MonacoNamespace) => void;
  onSave?: () => void;
  showShortcuts?: boolean;
  toolbarLinks?: ReactNode[];
  className?: string;
}

const loadMonaco = (): Promise<MonacoNamespace> => import('./monaco-setup').then((m) => m.monaco);

const isDarkPage = (): boolean => document.documentElement.classList.contains('pf-v6-theme-dark');

const useDarkTheme = (): boolean => {
  const [dark, setDark] = useState(isDarkPage);
  useEffect(() => {
    const observer = new MutationObserver(() => {
      setDark(isDarkPage());
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => {
      observer.disconnect();
    };
  }, []);
  return dark;
};

export const CodeEditor = forwardRef<CodeEditorRef | null, CodeEditorProps>((props, ref) => {
  const {
    value = '',
    language = 'yaml',
    minHeight,
    height,
    isReadOnly = false,
    isDarkTheme,
    isLineNumbersVisible = true,
    isMinimapVisible = false,
    toolbarLinks,
    className,
  } = props;
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<CodeEditorRef | null>(null);
  const latest = useRef(props);
  const applyingValue = useRef(false);
  const pageDark = useDarkTheme();
  const dark = isDarkTheme ?? pageDark;

  useEffect(() => {
    latest.current = props;
  });

  useImperativeHandle(ref, () => handle as CodeEditorRef, [handle]);

  useEffect(() => {
    let disposed = false;
    let editor: Monaco.editor.IStandaloneCodeEditor | undefined;
    void loadMonaco().then((monaco) => {
      if (disposed || !container.current) return;
      const initial = latest.current;
      editor = monaco.editor.create(container.current, {
        value: initial.value ?? '',
        language: initial.language ?? 'yaml',
        readOnly: initial.isReadOnly ?? false,
        automaticLayout: true,
        scrollBeyondLastLine: false,
        minimap: { enabled: initial.isMinimapVisible ?? false },
        lineNumbers: (initial.isLineNumbersVisible ?? true) ? 'on' : 'off',
        theme: isDarkPage() ? 'vs-dark' : 'vs',
        tabSize: 2,
        ...initial.options,
      });
      const created = editor;
      created.onDidChangeModelContent((event) => {
        if (!applyingValue.current) latest.current.onChange?.(created.getValue(), event);
      });
      created.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
        latest.current.onSave?.();
      });
      setHandle({ editor: created, monaco });
      latest.current.onEditorDidMount?.(created, monaco);
    });
    return () => {
      disposed = true;
      editor?.dispose();
    };
  }, []);

  useEffect(() => {
    const editor = handle?.editor;
    if (!editor || editor.getValue() === value) return;
    applyingValue.current = true;
    const model = editor.getModel();
    if (model) {
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      editor.pushUndoStop();
    }
    applyingValue.current = false;
  }, [handle, value]);

  useEffect(() => {
    handle?.editor.updateOptions({
      readOnly: isReadOnly,
      lineNumbers: isLineNumbersVisible ? 'on' : 'off',
      minimap: { enabled: isMinimapVisible },
    });
  }, [handle, isReadOnly, isLineNumbersVisible, isMinimapVisible]);

  useEffect(() => {
    const model = handle?.editor.getModel();
    if (handle && model) handle.monaco.editor.setModelLanguage(model, language);
  }, [handle, language]);

  useEffect(() => {
    handle?.monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
  }, [handle, dark]);

  return (
    <div className={['vm-disks-host__code-editor', className].filter(Boolean).join(' ')}>
      {toolbarLinks && toolbarLinks.length > 0 && (
        <div className="vm-disks-host__code-editor-toolbar">{toolbarLinks}</div>
      )}
      {!handle && <Spinner size="md" aria-label="Loading editor" />}
      <div
        ref={container}
        className="vm-disks-host__code-editor-surface"
        data-test="code-editor"
        style={{
          height: height && height !== 'sizeToFit' ? height : (minHeight ?? '300px'),
          minHeight,
        }}
      />
    </div>
  );
});
CodeEditor.displayName = 'CodeEditor';
