import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Chain } from '@phongdich/core';
import { Button } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { ChainCanvas } from './chain-canvas.js';
import { findNodes, layoutChain, moveSelection, summarizeChain, type Move } from './chain-layout.js';
import { ChainDetails, ChainLegend, ChainSummaryTable } from './chain-panels.js';
import { useCasesText } from './text.js';

const KEY_MOVES: Record<string, Move> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right', Home: 'first', End: 'last' };

/**
 * The transmission chain drawn on a canvas (one column block per generation), with pan, zoom,
 * selection by click or arrow keys, details of the selected node, a legend and a text summary.
 */
export function ChainGraph({ chain, onSelect }: { chain: Chain; onSelect?: (nodeId: string) => void }) {
  const { text } = useCasesText();
  const id = useId();
  const layout = useMemo(() => layoutChain(chain), [chain]);
  const summary = useMemo(() => summarizeChain(chain), [chain]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = selectedId === null ? -1 : (layout.index.get(selectedId) ?? -1);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painter = useRef<ChainCanvas | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const dragged = useRef(false);

  const titles = useMemo(() => summary.generations.map((g) => `${text.generation(g.generation)} · ${formatNumber(g.total)}`), [summary, text]);
  const contactsLabel = summary.generations
    .map((g) => [g.generation, g.total - g.cases] as const)
    .filter(([, n]) => n > 0)
    .map(([g, n]) => `${formatNumber(n)} ${text.generation(g)}`)
    .join(', ');
  const label = text.chainSummary(formatNumber(summary.cases), contactsLabel);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const instance = new ChainCanvas(canvas);
    painter.current = instance;
    const observer = new ResizeObserver(() => instance.resize(canvas.clientWidth, canvas.clientHeight, window.devicePixelRatio || 1));
    observer.observe(canvas);
    instance.resize(canvas.clientWidth, canvas.clientHeight, window.devicePixelRatio || 1);
    // React's onWheel is passive; a non-passive listener keeps the page from scrolling while zooming.
    const wheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = canvas.getBoundingClientRect();
      instance.zoom(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event.clientX - box.left, event.clientY - box.top);
    };
    canvas.addEventListener('wheel', wheel, { passive: false });
    return () => {
      observer.disconnect();
      canvas.removeEventListener('wheel', wheel);
      instance.destroy();
      painter.current = null;
    };
  }, []);

  useEffect(() => {
    painter.current?.setData(chain, layout, titles);
  }, [chain, layout, titles]);

  useEffect(() => {
    painter.current?.setSelected(selected);
  }, [selected]);

  function select(index: number, reveal: boolean) {
    if (index < 0) return;
    const nodeId = chain.nodes[index]!.id;
    setSelectedId(nodeId);
    if (reveal) painter.current?.reveal(index);
    onSelect?.(nodeId);
  }

  function pointerDown(event: PointerEvent<HTMLCanvasElement>) {
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    dragged.current = false;
  }

  function pointerMove(event: PointerEvent<HTMLCanvasElement>) {
    const previous = pointers.current.get(event.pointerId);
    if (!previous) return;
    const current = { x: event.clientX, y: event.clientY };
    const others = [...pointers.current.entries()].filter(([key]) => key !== event.pointerId);
    if (others.length === 1) {
      // Two fingers: zoom by the change of distance, around the midpoint.
      const other = others[0]![1];
      const before = Math.hypot(previous.x - other.x, previous.y - other.y);
      const after = Math.hypot(current.x - other.x, current.y - other.y);
      const box = event.currentTarget.getBoundingClientRect();
      if (before > 0) painter.current?.zoom(after / before, (current.x + other.x) / 2 - box.left, (current.y + other.y) / 2 - box.top);
      dragged.current = true;
    } else {
      const dx = current.x - previous.x;
      const dy = current.y - previous.y;
      if (Math.abs(dx) + Math.abs(dy) > 0) painter.current?.panBy(dx, dy);
      if (Math.abs(dx) + Math.abs(dy) > 3) dragged.current = true;
    }
    pointers.current.set(event.pointerId, current);
  }

  function pointerUp(event: PointerEvent<HTMLCanvasElement>) {
    const wasOnly = pointers.current.size === 1;
    pointers.current.delete(event.pointerId);
    if (!wasOnly || dragged.current) return;
    const box = event.currentTarget.getBoundingClientRect();
    select(painter.current?.hit(event.clientX - box.left, event.clientY - box.top) ?? -1, false);
  }

  function keyDown(event: KeyboardEvent<HTMLCanvasElement>) {
    const move = KEY_MOVES[event.key];
    if (move) {
      event.preventDefault();
      select(moveSelection(layout, selected, move), true);
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      painter.current?.zoom(1.25);
    } else if (event.key === '-' || event.key === '_') {
      event.preventDefault();
      painter.current?.zoom(0.8);
    } else if (event.key === '0') {
      event.preventDefault();
      painter.current?.fit();
    } else if (event.key === 'Escape') {
      setSelectedId(null);
    }
  }

  if (chain.nodes.length === 0) return <p className="empty">{text.emptyChain}</p>;
  return (
    <div className="chain-graph">
      <p id={`${id}-help`} className="muted">
        {text.graphHelp}
      </p>
      <div className="chain-toolbar">
        <div className="row-actions" role="group" aria-label={text.graphControls}>
          <Button variant="secondary" onClick={() => painter.current?.zoom(1.4)}>
            <span aria-hidden="true">+{'\u00a0'}</span>
            {text.zoomIn}
          </Button>
          <Button variant="secondary" onClick={() => painter.current?.zoom(1 / 1.4)}>
            <span aria-hidden="true">−{'\u00a0'}</span>
            {text.zoomOut}
          </Button>
          <Button variant="secondary" onClick={() => painter.current?.fit()}>
            {text.fit}
          </Button>
        </div>
        <FindNode chain={chain} onFound={(index) => select(index, true)} />
      </div>
      <div className="chain-body">
        <canvas
          ref={canvasRef}
          className="chain-canvas"
          role="img"
          aria-label={label}
          aria-describedby={`${id}-help`}
          tabIndex={0}
          onPointerDown={pointerDown}
          onPointerMove={pointerMove}
          onPointerUp={pointerUp}
          onPointerCancel={(event) => pointers.current.delete(event.pointerId)}
          onKeyDown={keyDown}
        />
        <ChainDetails chain={chain} layout={layout} selected={selected} />
      </div>
      <ChainLegend />
      <ChainSummaryTable summary={summary} label={label} />
    </div>
  );
}

/** Jumps to a node by name or case code; pressing Find again goes to the next match. */
function FindNode({ chain, onFound }: { chain: Chain; onFound: (index: number) => void }) {
  const { text } = useCasesText();
  const id = useId();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ query: string; matches: number[]; at: number } | null>(null);
  function find(event: { preventDefault: () => void }) {
    event.preventDefault();
    const matches = result && result.query === query ? result.matches : findNodes(chain, query, 200);
    const at = result && result.query === query ? (result.at + 1) % Math.max(1, matches.length) : 0;
    setResult({ query, matches, at });
    if (matches.length > 0) onFound(matches[at]!);
  }
  return (
    <form className="chain-find" onSubmit={find}>
      <div className="field">
        <label htmlFor={`${id}-find`}>{text.findNode}</label>
        <input id={`${id}-find`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={`${id}-found`} />
      </div>
      <Button type="submit" variant="secondary">
        {text.find}
      </Button>
      <p id={`${id}-found`} className="muted chain-find-result" aria-live="polite">
        {result && result.query === query && (result.matches.length === 0 ? text.notFound : result.matches.length > 1 ? text.foundMany(formatNumber(result.matches.length)) : '')}
      </p>
    </form>
  );
}
