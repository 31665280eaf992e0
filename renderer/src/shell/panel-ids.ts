// The DOM ids that tie a tab of the bar to the panel it shows (aria-controls / aria-labelledby).

/** The panel of the SQL tabs: one editor and result area that every SQL tab shows. */
export const SQL_PANEL_ID = 'panel-sql';

export function panelDomId(id: string): string {
  return `panel-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
