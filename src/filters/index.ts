import { absoluteUrls } from './absoluteUrls.js';
import { atomDate } from './atomDate.js';
import { jsonScript } from './jsonScript.js';
import { profilePage } from './profilePage.js';
import { qaPage } from './qaPage.js';

/** Every synchronous filter the templates use, by the name they use it under. */
export const filters = {
  atomDate,
  jsonScript,
  qaPage,
  profilePage,
} as const;

/** Filters that return promises. */
export const asyncFilters = {
  absoluteUrls,
} as const;
