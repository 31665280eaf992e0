/** How a document shows: as a panel (parameters, KPIs, tables and charts; no SQL) or as a notebook (cells to edit). */
export type DocumentMode = 'panel' | 'notebook';
