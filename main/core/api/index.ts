// The one contract between Mirante's core and its shells (CLI, local web server, Electron).
//
// Every method takes one plain request object and returns a promise of a plain response,
// so an adapter is a loop over WORKBENCH_METHODS, not code per method. Query results travel
// as Arrow IPC bytes inside QueryEvents; errors travel as data (ApiError), never as stacks.
//
// One file per part of the contract; this index is what the rest of the code imports. The wire
// format (wire.ts) and the page policy (renderer-policy.ts) sit beside it.
export * from './errors.ts';
export * from './catalog.ts';
export * from './session.ts';
export * from './queries.ts';
export * from './exports.ts';
export * from './documents.ts';
export * from './audit.ts';
export * from './snapshots.ts';
export * from './methods.ts';
