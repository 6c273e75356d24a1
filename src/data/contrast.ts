/**
 * Colour contrast as WCAG 2.2 defines it (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio), and
 * the shades of an accent colour that reach it. Shades keep the colour's hue and saturation and
 * move its HSL lightness in steps of one percent, so the suggestion is the nearest lighter or
 * darker colour of the same family.
 */

/** WCAG 2.2 AA for normal text (success criterion 1.4.3). */
export const AA_TEXT = 4.5;

/** The backgrounds text in the accent colour is drawn on, per scheme: the page and the answer cards (layouts/assets/style.css). */
export const BACKGROUNDS = {
  light: ['#ffffff', '#f6f7f9'],
  dark: ['#15171a', '#1e2125'],
} as const;

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

type Rgb = [number, number, number];

function rgbOf(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function hexOf([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance, https://www.w3.org/TR/WCAG22/#dfn-relative-luminance */
export function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The lowest contrast of `colour` against any of `backgrounds`. */
export function worstContrast(colour: string, backgrounds: readonly string[]): number {
  return Math.min(...backgrounds.map((background) => contrast(colour, background)));
}

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [rr, gg, bb] = [r / 255, g / 255, b / 255];
  const max = Math.max(rr, gg, bb);
  const min = Math.min(rr, gg, bb);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rr ? (gg - bb) / d + (gg < bb ? 6 : 0) : max === gg ? (bb - rr) / d + 2 : (rr - gg) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): Rgb {
  if (s === 0) return [l * 255, l * 255, l * 255];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255];
}

/**
 * The nearest shade of `colour` (same hue and saturation, lightness moved towards `direction`
 * one percent at a time) with at least `ratio` against every background; `colour` itself when it
 * already has it. Black and white end the two directions, so a shade is always found for the
 * backgrounds above.
 */
export function nearestShade(colour: string, backgrounds: readonly string[], direction: 'darker' | 'lighter', ratio = AA_TEXT): string {
  if (worstContrast(colour, backgrounds) >= ratio) return colour;
  const [h, s, l] = toHsl(rgbOf(colour));
  const step = direction === 'darker' ? -0.01 : 0.01;
  for (let lightness = Math.round(l * 100) / 100 + step; lightness >= 0 && lightness <= 1; lightness = Math.round((lightness + step) * 100) / 100) {
    const shade = hexOf(fromHsl(h, s, lightness));
    if (worstContrast(shade, backgrounds) >= ratio) return shade;
  }
  return direction === 'darker' ? '#000000' : '#ffffff';
}

/**
 * The dark scheme's shade clears AA by this margin, so that tools which round luminance
 * differently (axe-core, browsers' devtools) never find it just under 4.5:1.
 */
const DARK_MARGIN = 0.1;

/** The accent in each scheme: as given on light backgrounds, its nearest lighter shade that passes on dark ones. */
export function accentPair(accent: string): { light: string; dark: string } {
  const light = accent.toLowerCase();
  return { light, dark: nearestShade(light, BACKGROUNDS.dark, 'lighter', AA_TEXT + DARK_MARGIN) };
}
