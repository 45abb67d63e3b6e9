import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<R> {
  key: string;
  label: string;
  /** Track size in the CSS grid (e.g. '120px', '1fr'). */
  width: string;
  numeric?: boolean;
  render(row: R): ReactNode;
  /** When set, the header is a button that asks for this sort. */
  sort?: { active: 'ascending' | 'descending' | null; onSort(): void };
}

const OVERSCAN = 8;

/**
 * A windowed table: only the rows in view (plus a few) are in the DOM, so hundreds of thousands
 * of loaded rows scroll smoothly. Rows have one fixed height. Arrow keys move between rows,
 * Enter opens one; reaching the end asks for the next page.
 */
export function VirtualTable<R>({
  columns,
  rows,
  rowKey,
  rowHeight = 36,
  height,
  label,
  selectedKey,
  onOpen,
  onEndReached,
  empty,
}: {
  columns: Column<R>[];
  rows: readonly R[];
  rowKey(row: R): string | number;
  rowHeight?: number;
  height: number;
  label: string;
  selectedKey?: string | number | null;
  onOpen?(row: R): void;
  onEndReached?(): void;
  empty?: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [focus, setFocus] = useState(0);
  const template = columns.map((c) => c.width).join(' ');
  const bodyHeight = height - rowHeight;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + bodyHeight) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (onEndReached && rows.length > 0 && last >= rows.length - OVERSCAN) onEndReached();
  }, [last, rows.length, onEndReached]);

  const moveTo = useCallback(
    (index: number) => {
      const i = Math.max(0, Math.min(rows.length - 1, index));
      setFocus(i);
      const el = scroller.current;
      if (!el) return;
      const top = i * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + bodyHeight) el.scrollTop = top + rowHeight - bodyHeight;
      // Focus after the row is rendered at its new place.
      requestAnimationFrame(() => el.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
    },
    [rows.length, rowHeight, bodyHeight],
  );

  const onKey = (event: KeyboardEvent<HTMLDivElement>, index: number, row: R) => {
    const page = Math.max(1, Math.floor(bodyHeight / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(index + moves[event.key]!);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveTo(event.key === 'Home' ? 0 : rows.length - 1);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen?.(row);
    }
  };

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length + 1} style={{ blockSize: height }}>
      <div className="vtable__head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, blockSize: rowHeight }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className={`vtable__cell ${c.numeric ? 'vtable__cell--num' : ''}`} aria-sort={c.sort ? (c.sort.active ?? 'none') : undefined}>
            {c.sort ? (
              <button type="button" className="vtable__sort" onClick={c.sort.onSort}>
                {c.label}
                <span aria-hidden="true">{c.sort.active === 'ascending' ? ' ▲' : c.sort.active === 'descending' ? ' ▼' : ' ↕'}</span>
              </button>
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      <div className="vtable__body" ref={scroller} style={{ blockSize: bodyHeight }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        {rows.length === 0 ? (
          <div className="vtable__empty">{empty}</div>
        ) : (
          <div className="vtable__spacer" style={{ blockSize: rows.length * rowHeight }}>
            {rows.slice(first, last).map((row, offset) => {
              const index = first + offset;
              const key = rowKey(row);
              return (
                <div
                  key={key}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-selected={selectedKey === key}
                  data-index={index}
                  data-testid="contact-row"
                  tabIndex={index === focus ? 0 : -1}
                  className="vtable__row"
                  style={{ gridTemplateColumns: template, blockSize: rowHeight, insetBlockStart: index * rowHeight }}
                  onClick={() => {
                    setFocus(index);
                    onOpen?.(row);
                  }}
                  onKeyDown={(e) => onKey(e, index, row)}
                >
                  {columns.map((c) => (
                    <div key={c.key} role="cell" className={`vtable__cell ${c.numeric ? 'vtable__cell--num' : ''}`}>
                      {c.render(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
