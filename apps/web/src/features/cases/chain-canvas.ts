import type { Chain } from '@phongdich/core';
import { hitTest, type ChainLayout } from './chain-layout.js';
import { ensureVisible, fitView, toWorld, zoomAt, type View } from './chain-view.js';

// Draws a chain on one <canvas>: thousands of nodes stay smooth because nothing is a DOM element,
// shapes of one style go into one path, and only what is in view is drawn.

type Style = 'case' | 'became_case' | 'new' | 'quarantined' | 'released' | 'lost';
const STYLES: readonly Style[] = ['case', 'became_case', 'new', 'quarantined', 'released', 'lost'];
const FALLBACK: Record<Style | 'edge' | 'active' | 'text' | 'surface', string> = {
  case: '#b3261e',
  became_case: '#b3261e',
  new: '#0b5cad',
  quarantined: '#6b3fa0',
  released: '#00796b',
  lost: '#5a6472',
  edge: '#8a94a3',
  active: '#0b5cad',
  text: '#1c2430',
  surface: '#ffffff',
};
type Palette = typeof FALLBACK;

const NODE_RADIUS = 6;
const MIN_SCREEN_RADIUS = 2.5;
const MAX_SCREEN_RADIUS = 12;
/** Zoom a found node is shown at: rows far enough apart for labels. */
const REVEAL_SCALE = 2.5;
const FONT = '16px "Be Vietnam Pro", system-ui, sans-serif';
const BOLD = `600 ${FONT}`;

export function styleOf(node: Chain['nodes'][number]): Style {
  if (node.kind === 'case') return 'case';
  return (STYLES as readonly string[]).includes(node.status) ? (node.status as Style) : 'new';
}

export class ChainCanvas {
  private view: View | null = null;
  private width = 0;
  private height = 0;
  private ratio = 1;
  private frame = 0;
  private selected = -1;
  private layout: ChainLayout | null = null;
  private chain: Chain | null = null;
  private titles: string[] = [];
  private palette: Palette = FALLBACK;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  setData(chain: Chain, layout: ChainLayout, layerTitles: string[]): void {
    this.chain = chain;
    this.layout = layout;
    this.titles = layerTitles;
    this.palette = this.readPalette();
    this.view = this.width > 0 ? this.fitted() : null;
    this.schedule();
  }

  setSelected(index: number): void {
    this.selected = index;
    this.schedule();
  }

  resize(width: number, height: number, ratio: number): void {
    if (width === this.width && height === this.height && ratio === this.ratio) return;
    this.width = width;
    this.height = height;
    this.ratio = ratio;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.view ??= this.fitted();
    this.schedule();
  }

  fit(): void {
    this.view = this.fitted();
    this.schedule();
  }

  zoom(factor: number, sx = this.width / 2, sy = this.height / 2): void {
    if (!this.view) return;
    this.view = zoomAt(this.view, factor, sx, sy);
    this.schedule();
  }

  panBy(dx: number, dy: number): void {
    if (!this.view) return;
    this.view = { ...this.view, tx: this.view.tx + dx, ty: this.view.ty + dy };
    this.schedule();
  }

  /** Pans so a node is in view, zooming in first when the drawing is too small to see it. */
  reveal(index: number): void {
    if (!this.view || !this.layout || index < 0) return;
    const x = this.layout.x[index]!;
    const y = this.layout.y[index]!;
    if (this.view.scale < REVEAL_SCALE) {
      const s = this.view;
      this.view = zoomAt(s, REVEAL_SCALE / s.scale, x * s.scale + s.tx, y * s.scale + s.ty);
    }
    this.view = ensureVisible(this.view, x, y, this.width, this.height);
    this.schedule();
  }

  /** The node under a point of the canvas (CSS pixels), or -1. */
  hit(sx: number, sy: number): number {
    if (!this.view || !this.layout) return -1;
    const { x, y } = toWorld(this.view, sx, sy);
    const radius = Math.max(this.radius() + 2 / this.view.scale, 10 / this.view.scale);
    return hitTest(this.layout, x, y, Math.min(radius, this.layout.options.rowGap / 2));
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
  }

  private fitted(): View {
    return fitView(this.layout?.bounds ?? { minX: 0, minY: 0, maxX: 0, maxY: 0 }, this.width, this.height);
  }

  /** Node radius in world units: 6, but never under 2.5 px nor over 12 px on screen. */
  private radius(): number {
    const scale = this.view?.scale ?? 1;
    return Math.min(MAX_SCREEN_RADIUS, Math.max(MIN_SCREEN_RADIUS, NODE_RADIUS * scale)) / scale;
  }

  private readPalette(): Palette {
    const style = getComputedStyle(this.canvas);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      case: read('--chain-case', FALLBACK.case),
      became_case: read('--chain-became-case', FALLBACK.became_case),
      new: read('--chain-new', FALLBACK.new),
      quarantined: read('--chain-quarantined', FALLBACK.quarantined),
      released: read('--chain-released', FALLBACK.released),
      lost: read('--chain-lost', FALLBACK.lost),
      edge: read('--chain-edge', FALLBACK.edge),
      active: read('--accent', FALLBACK.active),
      text: read('--text', FALLBACK.text),
      surface: read('--surface', FALLBACK.surface),
    };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    const ctx = this.canvas.getContext('2d');
    const { layout, chain, view } = this;
    if (!ctx || !layout || !chain || !view) return;
    const { scale, tx, ty } = view;
    const p = this.palette;
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.fillStyle = p.surface;
    ctx.fillRect(0, 0, this.width, this.height);

    const r = this.radius();
    const min = toWorld(view, -r * scale, -r * scale);
    const max = toWorld(view, this.width + r * scale, this.height + r * scale);
    const inView = (i: number) => layout.x[i]! >= min.x && layout.x[i]! <= max.x && layout.y[i]! >= min.y && layout.y[i]! <= max.y;
    ctx.setTransform(this.ratio * scale, 0, 0, this.ratio * scale, this.ratio * tx, this.ratio * ty);

    // Edges: one path for all, one for the selected node's own.
    ctx.lineWidth = 1 / scale;
    ctx.strokeStyle = p.edge;
    ctx.globalAlpha = layout.edgeFrom.length > 2000 ? 0.35 : 0.7;
    ctx.beginPath();
    for (let e = 0; e < layout.edgeFrom.length; e++) {
      const a = layout.edgeFrom[e]!;
      const b = layout.edgeTo[e]!;
      const ax = layout.x[a]!;
      const bx = layout.x[b]!;
      const ay = layout.y[a]!;
      const by = layout.y[b]!;
      if (Math.max(ax, bx) < min.x || Math.min(ax, bx) > max.x || Math.max(ay, by) < min.y || Math.min(ay, by) > max.y) continue;
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    if (this.selected >= 0) {
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = p.active;
      ctx.beginPath();
      for (let e = 0; e < layout.edgeFrom.length; e++) {
        if (layout.edgeFrom[e] !== this.selected && layout.edgeTo[e] !== this.selected) continue;
        ctx.moveTo(layout.x[layout.edgeFrom[e]!]!, layout.y[layout.edgeFrom[e]!]!);
        ctx.lineTo(layout.x[layout.edgeTo[e]!]!, layout.y[layout.edgeTo[e]!]!);
      }
      ctx.stroke();
    }

    // Nodes, one path per style: squares for cases, diamonds for contacts who became cases,
    // rings for contacts no longer followed, dots for the others.
    const visible: number[] = [];
    const byStyle = new Map<Style, number[]>(STYLES.map((s) => [s, []]));
    for (let i = 0; i < layout.count; i++) {
      if (!inView(i)) continue;
      visible.push(i);
      byStyle.get(styleOf(chain.nodes[i]!))!.push(i);
    }
    for (const style of STYLES) {
      const members = byStyle.get(style)!;
      if (members.length === 0) continue;
      ctx.beginPath();
      for (const i of members) {
        const x = layout.x[i]!;
        const y = layout.y[i]!;
        if (style === 'case') ctx.rect(x - r, y - r, 2 * r, 2 * r);
        else if (style === 'became_case') {
          ctx.moveTo(x, y - r * 1.3);
          ctx.lineTo(x + r * 1.3, y);
          ctx.lineTo(x, y + r * 1.3);
          ctx.lineTo(x - r * 1.3, y);
          ctx.closePath();
        } else {
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, style === 'released' || style === 'lost' ? r * 0.8 : r, 0, Math.PI * 2);
        }
      }
      if (style === 'released' || style === 'lost') {
        ctx.fillStyle = p.surface;
        ctx.fill();
        ctx.lineWidth = Math.max(2 / scale, r * 0.35);
        ctx.strokeStyle = p[style];
        ctx.stroke();
      } else {
        ctx.fillStyle = p[style];
        ctx.fill();
      }
    }
    if (this.selected >= 0 && this.selected < layout.count) {
      ctx.beginPath();
      ctx.arc(layout.x[this.selected]!, layout.y[this.selected]!, r + 5 / scale, 0, Math.PI * 2);
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = p.text;
      ctx.stroke();
    }

    this.paintText(ctx, visible, r);
  }

  private paintText(ctx: CanvasRenderingContext2D, visible: number[], r: number): void {
    const { layout, chain, view } = this;
    if (!layout || !chain || !view) return;
    const { scale, tx, ty } = view;
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.textBaseline = 'middle';
    ctx.fillStyle = this.palette.text;
    // Generation titles above each block, kept on screen.
    ctx.font = BOLD;
    layout.layers.forEach((layer, i) => {
      const x = layer.left * scale + tx - r * scale;
      const y = Math.max(14, (layer.top - 28) * scale + ty);
      const next = layout.layers[i + 1];
      const room = next ? (next.left - layer.left) * scale - 8 : this.width - x;
      if (x > this.width || x + room < 0) return;
      const title = this.titles[i] ?? '';
      // Too narrow for "F2 · 5.000": keep the generation alone, which is what tells columns apart.
      ctx.fillText(fitText(ctx, title, room) === title ? title : fitText(ctx, title.split(' ')[0] ?? '', room), x, y);
    });
    // Labels only when rows are far enough apart to read them.
    const rowPixels = layout.options.rowGap * scale;
    if (rowPixels < 18) return;
    ctx.font = FONT;
    // A halo of the background colour keeps labels readable over the edges.
    ctx.strokeStyle = this.palette.surface;
    ctx.lineWidth = 4;
    ctx.lineJoin = 'round';
    for (const i of visible) {
      const layer = layout.layers[layout.layerOf[i]!]!;
      const room = layer.labelRoom * scale - 2 * r * scale - 12;
      if (room < 48) continue;
      const label = fitText(ctx, chain.nodes[i]!.label, room);
      const x = layout.x[i]! * scale + tx + r * scale + 6;
      const y = layout.y[i]! * scale + ty;
      ctx.strokeText(label, x, y);
      ctx.fillText(label, x, y);
    }
  }
}

function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= room) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? '' : `${text.slice(0, low)}…`;
}
