// The one place Arrow IPC bytes become a table in the renderer.
import { tableFromIPC, type Table } from 'apache-arrow';

export type ArrowTable = Table;

export function decodeIpc(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}
