// Loaded on first use of CodeEditor: monaco's editor core with its contributions, the YAML and shell
// tokenizers, and the editor web worker (bundled by Vite as a separate worker file).
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';

const scope = self as unknown as { MonacoEnvironment?: { getWorker: () => Worker } };
scope.MonacoEnvironment ??= { getWorker: () => new EditorWorker() };

export { monaco };
