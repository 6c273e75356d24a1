/** A stage of the build (render, index, offline) failed for a reason other than bad data. */
export class BuildError extends Error {
  constructor(stage: string, message: string, options?: { cause?: unknown }) {
    super(`${stage}: ${message}`, options);
    this.name = 'BuildError';
  }
}
