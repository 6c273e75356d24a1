// Runs this repository's demo with the Eleventy CLI (`npx @11ty/eleventy`): every page is one of
// answerpress's virtual templates, so Eleventy reads no file of its own.
// https://www.11ty.dev/docs/config/
import { eleventyStandalone } from './dist/index.js';

export default async function (eleventyConfig) {
  eleventyConfig.ignores.add('**/*');
  await eleventyConfig.addPlugin(eleventyStandalone, { dataDir: 'data' });
  return { dir: { input: '.', output: '_site' } };
}
