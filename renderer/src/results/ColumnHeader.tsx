import type { CustomInnerHeaderProps } from 'ag-grid-react';
import type { PrivacyClass } from '../../../main/core/api/index.ts';
import { PrivacyBadge } from '../catalog/PrivacyBadge.tsx';

/**
 * Column name with its DuckDB type underneath (analysts; staff see a label and no type), inside
 * AG Grid's own header (sorting, resizing stay its job).
 */
export function ColumnHeader(props: CustomInnerHeaderProps & { type?: string; privacy?: PrivacyClass }) {
  // Public columns need no badge: only classes that call for care are marked.
  const privacy = props.privacy === 'publico' ? undefined : props.privacy;
  return (
    <div className="col-header" title={props.type ? `${props.displayName} · ${props.type}` : props.displayName}>
      <span className="col-header-name">
        {props.displayName}
        {privacy && <PrivacyBadge privacy={privacy} />}
      </span>
      {props.type && <span className="col-header-type">{props.type.toLowerCase()}</span>}
    </div>
  );
}
