// Pan and zoom of the chain drawing: screen = world × scale + translation. Pure, for tests.

export interface View {
  scale: number;
  tx: number;
  ty: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 8;

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** The whole drawing in the viewport, centred, never enlarged beyond 3× (a small chain stays readable). */
export function fitView(bounds: Bounds, width: number, height: number, padding = 40): View {
  const w = Math.max(1, bounds.maxX - bounds.minX);
  const h = Math.max(1, bounds.maxY - bounds.minY);
  const scale = clampScale(Math.min(3, (width - 2 * padding) / w, (height - 2 * padding) / h));
  return {
    scale,
    tx: width / 2 - ((bounds.minX + bounds.maxX) / 2) * scale,
    ty: height / 2 - ((bounds.minY + bounds.maxY) / 2) * scale,
  };
}

/** Zooms by `factor` keeping the world point under (sx, sy) where it is. */
export function zoomAt(view: View, factor: number, sx: number, sy: number): View {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, tx: sx - (sx - view.tx) * k, ty: sy - (sy - view.ty) * k };
}

export function toWorld(view: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.tx) / view.scale, y: (sy - view.ty) / view.scale };
}

export function toScreen(view: View, wx: number, wy: number): { x: number; y: number } {
  return { x: wx * view.scale + view.tx, y: wy * view.scale + view.ty };
}

/** Pans the least needed so a world point is at least `margin` pixels inside the viewport. */
export function ensureVisible(view: View, wx: number, wy: number, width: number, height: number, margin = 60): View {
  const { x, y } = toScreen(view, wx, wy);
  const m = Math.min(margin, width / 2, height / 2);
  let tx = view.tx;
  let ty = view.ty;
  if (x < m) tx += m - x;
  else if (x > width - m) tx -= x - (width - m);
  if (y < m) ty += m - y;
  else if (y > height - m) ty -= y - (height - m);
  return tx === view.tx && ty === view.ty ? view : { scale: view.scale, tx, ty };
}
