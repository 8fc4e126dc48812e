import { PNG } from 'pngjs';
import type { Locator } from 'playwright-core';

export type Rgb = (r: number, g: number, b: number) => boolean;

// Commune fills drawn over the light background (offline base map, 75 % opacity): level 1 stays
// clearly green, level 3 clearly orange. Loose bands, so anti-aliasing and borders do not matter.
export const GREEN: Rgb = (r, g, b) => g > r + 50 && g > b + 30;
export const ORANGE: Rgb = (r, g, b) => r > 215 && g > 105 && g < 180 && b < 125;

/** Share of the element's pixels in a colour band: what a person sees, whatever drew it. */
export async function colourShare(element: Locator, band: Rgb): Promise<number> {
  const png = PNG.sync.read(await element.screenshot());
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4) if (band(png.data[i] as number, png.data[i + 1] as number, png.data[i + 2] as number)) hits++;
  return hits / (png.width * png.height);
}
