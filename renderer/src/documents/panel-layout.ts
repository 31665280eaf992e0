// The panel screen's layout rules live in the core (shared with the panel benchmark).
export { comparisonParams, panelLayout, previousSnapshotOf, type PanelLayout } from '../../../main/core/documents/panel-layout.ts';
