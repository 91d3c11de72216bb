import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';
import type { Realm } from './types';

export interface ConsoleContext {
  api: Api;
  /** The realm the screens act on (from the URL); every realm of the tenant is in `realms`. */
  realmId: string;
  realms: Realm[];
  reloadRealms: () => void;
  /** A short confirmation ("Identity added") shown in the status area. */
  announce: (message: string) => void;
}

export const Console = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const value = useContext(Console);
  if (!value) throw new Error('useConsole outside the console');
  return value;
}

/** `/realms/{realm}` + path: the API path of a realm's resource, relative to the tenant. */
export function realmPath(realmId: string, path = ''): string {
  return `/realms/${encodeURIComponent(realmId)}${path}`;
}
