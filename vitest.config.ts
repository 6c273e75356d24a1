import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    // Builds spawn Pagefind and browser tests spawn Chromium: two cores, so two files at once.
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    // Browser assertions poll; a loaded two-core machine needs more than the 1 s default.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
  },
});
