import { describe, expect, it } from 'vitest';
import { AA_TEXT, accentPair, BACKGROUNDS, contrast, nearestShade, worstContrast } from '../../../src/data/contrast.js';

describe('contrast', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48],
    ['#0b57d0', '#ffffff', 6.39],
  ])('%s on %s is %d:1', (a, b, ratio) => {
    expect(contrast(a, b)).toBeCloseTo(ratio, 2);
    expect(contrast(b, a)).toBeCloseTo(ratio, 2);
  });
});

describe('nearestShade', () => {
  it('keeps a colour that already passes', () => {
    expect(nearestShade('#0b57d0', BACKGROUNDS.light, 'darker')).toBe('#0b57d0');
  });

  it.each(['#7fb3ff', '#ff00ff', '#ffff00', '#ffffff', '#d4d4d8'])('darkens %s just enough to pass on the light page and cards', (colour) => {
    const shade = nearestShade(colour, BACKGROUNDS.light, 'darker');
    expect(worstContrast(shade, BACKGROUNDS.light)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(shade).not.toBe(colour);
  });

  it('moves lightness only: the shade of a blue is a blue', () => {
    const shade = nearestShade('#7fb3ff', BACKGROUNDS.light, 'darker');
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(shade.slice(i, i + 2), 16)) as [number, number, number];
    expect(b).toBeGreaterThan(r);
    expect(b).toBeGreaterThan(g);
  });
});

describe('accentPair', () => {
  it.each(['#0f6b5c', '#0b57d0', '#000000', '#6b0f1a', '#3d0b70', '#1f4f1f'])('derives for %s a dark-scheme shade that passes on the dark page and cards with a margin', (accent) => {
    const { light, dark } = accentPair(accent);
    expect(light).toBe(accent);
    expect(worstContrast(dark, BACKGROUNDS.dark)).toBeGreaterThanOrEqual(AA_TEXT + 0.1);
  });

  it('writes the colour in lowercase', () => {
    expect(accentPair('#0F6B5C').light).toBe('#0f6b5c');
  });
});
