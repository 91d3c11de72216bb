import type { Api } from './api';

/**
 * Every item of a v1 list, walking its pages: pickers (groups, applications, scopes) need the
 * whole list to show names for ids. Stops at `limit` items so a huge realm cannot stall a screen.
 */
export async function listAll<T>(api: Api, path: string, key: string, limit = 2000): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api.get<Record<string, unknown> & { next_page_token?: string }>(
      `${path}${separator}page_size=200${token ? `&page_token=${encodeURIComponent(token)}` : ''}`,
    );
    items.push(...((page[key] as T[] | undefined) ?? []));
    token = page.next_page_token;
  } while (token && items.length < limit);
  return items;
}

/** A name for an id from a loaded list; an id nothing names (deleted since) is shown as itself. */
export function nameOf(list: { id: string; display_name: string }[] | undefined, id: string): string {
  return list?.find((item) => item.id === id)?.display_name ?? id;
}
