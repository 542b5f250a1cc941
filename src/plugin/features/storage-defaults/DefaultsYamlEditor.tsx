// The YAML view: the SDK CodeEditor with our own markers (syntax errors, unknown keys, invalid values, classes
// that do not exist) set through the editor's monaco, and the same problems as an accessible list below it.
import { useCallback, useEffect, useState } from 'react';
import { Button, HelperText, HelperTextItem, List, ListItem, Title } from '@patternfly/react-core';
import { CodeEditor } from '@openshift-console/dynamic-plugin-sdk';
import type { CodeEditorRef } from '@openshift-console/dynamic-plugin-sdk';
import { TALL_EDITOR_MIN_HEIGHT } from '../../components/editor-size';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export const MARKER_OWNER = 'vm-disks-storage-defaults';

/** A problem with its place in the text (1-based lines and columns). */
export interface PositionedProblem {
  kind: string;
  severity: 'error' | 'warning';
  key?: string;
  field?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface DefaultsYamlEditorProps<P extends PositionedProblem> {
  value: string;
  onChange: (value: string) => void;
  problems: P[];
  /** The sentence for a problem. */
  describe: (problem: P) => string;
  onSave: () => void;
  /** The `data-test` of the editor's wrapper. */
  testId?: string;
}

export const DefaultsYamlEditor = <P extends PositionedProblem>({
  value,
  onChange,
  problems,
  describe,
  onSave,
  testId = 'storage-defaults-yaml',
}: DefaultsYamlEditorProps<P>) => {
  const { t } = usePluginTranslation();
  const [handle, setHandle] = useState<CodeEditorRef | null>(null);
  const editorRef = useCallback((ref: CodeEditorRef | null) => {
    setHandle(ref && typeof ref === 'object' && 'editor' in ref ? ref : null);
  }, []);

  useEffect(() => {
    if (!handle) return;
    const { editor, monaco } = handle;
    const model = editor.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      problems.map((p) => ({
        severity:
          p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: describe(p),
        startLineNumber: p.line,
        startColumn: p.column,
        endLineNumber: p.endLine,
        endColumn: p.endLine === p.line && p.endColumn <= p.column ? p.column + 1 : p.endColumn,
        source: 'VM Disks',
      })),
    );
  }, [handle, problems, describe, value]);

  const reveal = (problem: P) => {
    if (!handle) return;
    handle.editor.revealLineInCenter(problem.line);
    handle.editor.setPosition({ lineNumber: problem.line, column: problem.column });
    handle.editor.focus();
  };

  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <div className="vm-disks-plugin__yaml-view" data-test={testId}>
      <CodeEditor
        ref={editorRef}
        value={value}
        language="yaml"
        minHeight={TALL_EDITOR_MIN_HEIGHT}
        isLineNumbersVisible
        onChange={(next: string) => {
          onChange(next);
        }}
        onSave={onSave}
      />
      <section
        className="vm-disks-plugin__problems"
        aria-labelledby="storage-defaults-problems-title"
        data-test="yaml-problems"
        data-errors={errors}
      >
        <Title headingLevel="h3" size="md" id="storage-defaults-problems-title">
          {problems.length === 0
            ? t('No problems')
            : t('Problems ({{count}})', { count: problems.length })}
        </Title>
        {problems.length > 0 ? (
          <List isPlain>
            {problems.map((p) => (
              <ListItem
                key={`${String(p.line)}:${String(p.column)}:${p.kind}:${p.key ?? p.field ?? ''}`}
                data-test="yaml-problem"
                data-kind={p.kind}
                data-line={p.line}
                data-severity={p.severity}
              >
                <HelperText>
                  <HelperTextItem variant={p.severity === 'error' ? 'error' : 'warning'}>
                    <Button
                      variant="link"
                      isInline
                      onClick={() => {
                        reveal(p);
                      }}
                    >
                      {t('Line {{line}}', { line: p.line })}
                    </Button>{' '}
                    {describe(p)}
                  </HelperTextItem>
                </HelperText>
              </ListItem>
            ))}
          </List>
        ) : null}
      </section>
    </div>
  );
};
