import type { ComponentChildren } from 'preact';

export interface Column<T> {
  header: string;
  cell: (row: T) => ComponentChildren;
  /** Hidden on narrow screens to keep the table readable at phone width. */
  wide?: boolean;
}

/** The Name column of what yonder may manage itself: the name (or a control showing it), marked when managed. */
export function managedNameColumn<T extends { display_name: string; is_managed: boolean }>(
  show: (row: T) => ComponentChildren = (row) => row.display_name,
): Column<T> {
  return {
    header: 'Name',
    cell: (row) => (
      <>
        {show(row)}
        {row.is_managed ? <span class="badge badge-after">Managed</span> : null}
      </>
    ),
  };
}

export type TableProps<T> = {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: ComponentChildren;
  selection?: { selected: Set<string>; onChange: (selected: Set<string>) => void };
  /** Names a row for its selection box ("Select Ada Lovelace"); the row key otherwise. */
  rowLabel?: (row: T) => string;
};

/** A data table with a real caption and header cells, optional row selection with labelled boxes. */
export function DataTable<T>({ caption, columns, rows, rowKey, empty, selection, rowLabel }: TableProps<T>) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  const allSelected = selection !== undefined && rows.every((row) => selection.selected.has(rowKey(row)));
  const toggle = (key: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  };
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" class="select-cell">
                <input
                  type="checkbox"
                  aria-label="Select all rows on this page"
                  checked={allSelected}
                  onChange={() => selection.onChange(allSelected ? new Set() : new Set(rows.map(rowKey)))}
                />
              </th>
            ) : null}
            {columns.map((column) => (
              <th scope="col" key={column.header} class={column.wide ? 'wide' : ''}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr key={key} class={selection?.selected.has(key) ? 'selected' : ''}>
                {selection ? (
                  <td class="select-cell">
                    <input
                      type="checkbox"
                      aria-label={`Select ${rowLabel ? rowLabel(row) : `row ${key}`}`}
                      checked={selection.selected.has(key)}
                      onChange={() => toggle(key)}
                    />
                  </td>
                ) : null}
                {columns.map((column) => (
                  <td key={column.header} class={column.wide ? 'wide' : ''}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
