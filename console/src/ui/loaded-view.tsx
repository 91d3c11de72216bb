import type { ComponentChildren } from 'preact';
import type { Loaded } from '../hooks';
import { ErrorNotice, Loading } from './notice';
import { DataTable, type TableProps } from './table';

type Props<T> = {
  loaded: Loaded<T>;
  /** What the spinner says until the first answer. */
  label?: string;
  /** What to show after the first answer: its data, or undefined when that answer was a failure. */
  children: (data: T | undefined) => ComponentChildren;
};

/** Something a screen loads: the server's error in its words, a spinner until the first answer, then the view of it. */
export function LoadedView<T>({ loaded, label, children }: Props<T>) {
  return (
    <>
      <ErrorNotice error={loaded.error} />
      {loaded.loading && !loaded.data ? <Loading label={label} /> : children(loaded.data)}
    </>
  );
}

/** A loaded list as a table, once it has come; its rows are keyed by id. */
export function LoadedTable<T extends { id: string }>({
  loaded,
  label,
  ...table
}: Omit<TableProps<T>, 'rows' | 'rowKey'> & { loaded: Loaded<T[]>; label?: string }) {
  return (
    <LoadedView loaded={loaded} label={label}>
      {(rows) => (rows ? <DataTable {...table} rows={rows} rowKey={(row) => row.id} /> : null)}
    </LoadedView>
  );
}
