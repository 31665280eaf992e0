// The client of the contract, given once at the root (main.tsx) and read where it is used,
// instead of being passed down through every component in between.
import { createContext, useContext } from 'react';
import type { RendererClient } from './renderer-client.ts';

export const ClientContext = createContext<RendererClient | null>(null);

export function useClient(): RendererClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside of <ClientContext.Provider>');
  return client;
}
