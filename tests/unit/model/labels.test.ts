import { describe, expect, it } from 'vitest';
import { answerCountText, englishLabels, helpfulText, ratingText } from '../../../src/model/labels.js';

describe('answerCountText', () => {
  it.each([
    [0, '0 expert answers'],
    [1, '1 expert answer'],
    [2, '2 expert answers'],
    [10, '10 expert answers'],
    [21, '21 expert answers'],
  ])('%i -> %j', (count, text) => {
    expect(answerCountText(count)).toBe(text);
  });
});

describe('ratingText', () => {
  it.each([
    [4.9, 75, '4.9 out of 5 stars, 75 reviews'],
    [5, 1, '5.0 out of 5 stars, 1 review'],
    [5, 0, '5.0 out of 5 stars, 0 reviews'],
    [0, 2, '0.0 out of 5 stars, 2 reviews'],
    [4.25, 3, '4.3 out of 5 stars, 3 reviews'],
    [3.04, 10, '3.0 out of 5 stars, 10 reviews'],
    [4, 1000, '4.0 out of 5 stars, 1000 reviews'],
  ])('%d stars, %i reviews -> %j', (value, count, text) => {
    expect(ratingText(value, count)).toBe(text);
  });
});

describe('helpfulText', () => {
  it.each([
    [1, '1 reader found this helpful'],
    [2, '2 readers found this helpful'],
    [12, '12 readers found this helpful'],
  ])('%i -> %j', (count, text) => {
    expect(helpfulText(count)).toBe(text);
  });
});

describe('englishLabels', () => {
  it('has a non-empty string for every label', () => {
    const entries = Object.entries(englishLabels);
    expect(entries.length).toBeGreaterThan(20);
    for (const [name, value] of entries) {
      expect(typeof value, name).toBe('string');
      expect(value.trim().length, name).toBeGreaterThan(0);
    }
  });

  it('pageOf has both placeholders', () => {
    expect(englishLabels.pageOf).toContain('{n}');
    expect(englishLabels.pageOf).toContain('{total}');
  });
});
