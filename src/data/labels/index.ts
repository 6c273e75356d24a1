import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import type { Labels } from './keys.js';
import { pt } from './pt.js';

export * from './keys.js';
export { en as englishLabels };

/** The word sets shipped, by primary language subtag (`fr` serves `fr-CA` too). */
export const LABEL_SETS: Readonly<Record<string, Labels>> = { en, es, fr, de, pt };
