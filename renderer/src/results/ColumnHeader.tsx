import type { CustomInnerHeaderProps } from 'ag-grid-react';

/** Column name with its DuckDB type underneath, inside AG Grid's own header (sorting, resizing stay its job). */
export function ColumnHeader(props: CustomInnerHeaderProps & { type: string }) {
  return (
    <div className="col-header" title={`${props.displayName} · ${props.type}`}>
      <span className="col-header-name">{props.displayName}</span>
      <span className="col-header-type">{props.type.toLowerCase()}</span>
    </div>
  );
}
