declare module 'monaco-editor/languages/definitions/sql/sql.js' {
  import type * as MonacoApi from 'monaco-editor/editor/editor.api.js';
  export const conf: MonacoApi.languages.LanguageConfiguration;
  export const language: MonacoApi.languages.IMonarchLanguage & { keywords: string[]; builtinFunctions: string[] };
}

declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}

declare module '*.css';
