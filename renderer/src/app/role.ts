import { createContext, useContext } from 'react';
import type { Role } from '../../../main/core/api/index.ts';

/** The deployment's role for this user: the UI leaves out what the role cannot use. */
export const RoleContext = createContext<Role>('analista');

export function useIsAnalyst(): boolean {
  return useContext(RoleContext) === 'analista';
}
