// AG Grid Community: the modules the result grid uses, and a theme that reads the app's CSS variables.
import {
  CellStyleModule,
  ColumnAutoSizeModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  ScrollApiModule,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community';

ModuleRegistry.registerModules([InfiniteRowModelModule, CellStyleModule, TooltipModule, ColumnAutoSizeModule, RenderApiModule, RowApiModule, ScrollApiModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  backgroundColor: 'var(--bg)',
  foregroundColor: 'var(--fg)',
  headerBackgroundColor: 'var(--bg-subtle)',
  headerTextColor: 'var(--fg-muted)',
  borderColor: 'var(--border)',
  rowBorder: { color: 'var(--border-faint)' },
  oddRowBackgroundColor: 'var(--bg-stripe)',
  rowHoverColor: 'var(--row-hover)',
  accentColor: 'var(--accent)',
  selectedRowBackgroundColor: 'var(--selection)',
  rowHeight: 26,
  headerHeight: 40,
  spacing: 6,
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  columnBorder: { color: 'var(--border-faint)' },
  cellHorizontalPaddingScale: 0.9,
});
