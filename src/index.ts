/** The public API of answerpress. */
export { build, packageLayouts, type BuildOptions, type BuildResult, type Phase } from './build.js';
export { mergeParts, type MergeOptions, type MergedSite } from './merge.js';
export type { Slice } from './output/part.js';
export { loadData, type LoadedData, type DataFile } from './data/load.js';
export { jsonSchemaFiles } from './data/jsonSchema.js';
export { buildModel, type ModelOptions } from './model/buildModel.js';
export type * from './model/types.js';
export { DataError } from './errors/DataError.js';
export { BuildError } from './errors/BuildError.js';
export { UsageError } from './errors/UsageError.js';
export { formatIssue, type DataIssue } from './errors/DataIssue.js';
export { default as eleventyPlugin, type PluginOptions } from './eleventy/plugin.js';
export { default as eleventyStandalone, type StandaloneOptions } from './eleventy/standalone.js';
