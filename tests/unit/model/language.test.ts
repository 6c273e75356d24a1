import { describe, expect, it } from 'vitest';
import { primaryLanguage } from '../../../src/model/language.js';

describe('primaryLanguage', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['pt-BR', 'pt'],
    ['ZH-Hant-TW', 'zh'],
    ['', 'en'],
  ])('indexes a site in %j as %j', (tag, language) => {
    expect(primaryLanguage(tag)).toBe(language);
  });
});
