import { useId, useMemo, useState, type ReactNode } from 'react';
import { cellText, isNumeric, type Column } from './columns.js';
import { ariaSort, nextSort, sortRows, type SortState } from './table-sort.js';
import { useDashboardsText } from './text.js';

/**
 * A report column with, where the plain value is not enough, what the cell shows (a link, a badge).
 * Columns left out of files (buttons) are not sortable either.
 */
export type UiColumn<T> = Column<T> & { render?: (row: T) => ReactNode };

/** A column before the data, such as a selection checkbox; not sortable, not exported. */
export interface LeadingColumn<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
}

/**
 * A report table that sorts like a spreadsheet (click a heading; again to reverse) and keeps its
 * total row at the bottom. Wide tables scroll sideways inside a focusable region, the first column
 * staying in view.
 */
export function ReportTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  total,
  leading,
  initialSort = null,
  testId,
  empty,
}: {
  caption: string;
  columns: ReadonlyArray<UiColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  total?: T | undefined;
  leading?: LeadingColumn<T> | undefined;
  initialSort?: SortState | null;
  testId?: string;
  empty?: string;
}) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const [sort, setSort] = useState<SortState | null>(initialSort);
  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    return column && sort ? sortRows(rows, column.value, sort.dir, lang) : rows;
  }, [rows, columns, sort, lang]);

  if (rows.length === 0 && empty) return <p className="empty">{empty}</p>;

  const cell = (column: UiColumn<T>, row: T, isTotal: boolean) => {
    const numeric = isNumeric(column.kind);
    const content = isTotal && column.rowHeader ? text.total : column.render && !isTotal ? column.render(row) : cellText(column.kind, column.value(row), lang);
    if (column.rowHeader) {
      return (
        <th key={column.key} scope="row" className="report-row-header">
          {content}
        </th>
      );
    }
    return (
      <td key={column.key} className={numeric ? 'number' : undefined}>
        {content}
      </td>
    );
  };

  return (
    <div className="report-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="data-table report-table" data-testid={testId}>
        <caption id={`${id}-caption`} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {leading && (
              <th scope="col" className="report-select">
                {leading.header}
              </th>
            )}
            {columns.map((column) => {
              const numeric = isNumeric(column.kind);
              const state = ariaSort(sort, column.key);
              if (column.noExport) {
                return (
                  <th key={column.key} scope="col">
                    {column.label}
                  </th>
                );
              }
              return (
                <th key={column.key} scope="col" aria-sort={state} className={numeric ? 'number' : column.rowHeader ? 'report-col-header' : undefined}>
                  <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, column.key, numeric))}>
                    {column.label}
                    <span className="sort-mark" aria-hidden="true">
                      {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {leading && <td className="report-select">{leading.cell(row)}</td>}
              {columns.map((column) => cell(column, row, false))}
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr className="report-total">
              {leading && <td className="report-select" />}
              {columns.map((column) => cell(column, total, true))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
