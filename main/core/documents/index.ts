// Notebooks and panels: parse, edit, save, compile and run (docs/ARCHITECTURE.md, "Documents: notebooks and panels").
export * from './types.ts';
export { parseDocument, titleFromFileName, type ParseOptions } from './parse.ts';
export { serializeDocument, cellLine, cellSourceLine } from './serialize.ts';
export {
  updateCellSource,
  setCellName,
  insertCell,
  deleteCell,
  moveCell,
  duplicateCell,
  setFrontMatterValue,
  setFrontMatterParam,
  setFrontMatterKpi,
  type NewCell,
} from './edit.ts';
export { compileCell, staleCells, findSqlCell, sqlCells, type CompiledCell, type SourceSpan } from './compile.ts';
export { mapCompiledPosition, relocateError, type DocumentPosition } from './positions.ts';
export { paramValuesFromStrings, bindableParams, type ParamValues } from './param-values.ts';
export { streamCell, resolveParamOptions } from './run.ts';
export { paramSpecsOf } from './param-specs.ts';
export { kpiChangeTone } from './kpi-directions.ts';
export { cellJob, type CellJob, type CellJobOptions } from './cell-job.ts';
export { panelLayout, type PanelLayout } from './panel-layout.ts';
export { prepareSaveAs, fileNameForTitle, checkedFileName, type DocumentIdentity } from './save-as.ts';
