/**
 * A GitHub Actions workflow for a content repository: pull requests are validated (errors show
 * on the offending lines); pushes to main that touch data or layouts are built (incrementally,
 * from the last output and build cache kept by actions/cache) and deployed to GitHub Pages.
 * With `shards` of 2 or more, a site too large for one runner is built in that many parts by a
 * matrix job, one part per runner (`build --shard i/n`), and one more job merges them
 * (`answerpress merge`) and deploys.
 * https://docs.github.com/actions/deployment/deploying-to-github-pages
 * https://docs.github.com/actions/using-jobs/using-a-matrix-for-your-jobs
 */
export function workflow(dataDir: string, layoutsDir: string | undefined, shards = 1): string {
  const layouts = layoutsDir ? ` --layouts ${layoutsDir}` : '';
  const setup = `      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
`;
  // package.json and its lock file too: upgrading answerpress rebuilds the site.
  const paths = [`'${dataDir}/**'`, ...(layoutsDir ? [`'${layoutsDir}/**'`] : []), "'package.json'", "'package-lock.json'", "'.github/workflows/answerpress.yml'"].join(', ');
  const header = `# Written by \`answerpress init\`.
name: answerpress

on:
  pull_request:
    paths: [${paths}]
  push:
    branches: [main]
    paths: [${paths}]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: answerpress-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
${setup}      - run: npx answerpress validate --data ${dataDir} --format github

`;
  return header + (shards > 1 ? partsJobs(setup, dataDir, layouts, shards) : deployJob(setup, dataDir, layouts));
}

function deployJob(setup: string, dataDir: string, layouts: string): string {
  return `  deploy:
    if: github.event_name != 'pull_request'
    needs: validate
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
${setup}      # The last output, the one before it (hard links into it, which tar keeps) and the build
      # cache (outside node_modules, which npm ci replaces), so a commit that changes one file
      # rebuilds incrementally.
      - uses: actions/cache@v4
        with:
          path: |
            _site
            .answerpress-mirror-_site
            .answerpress-cache
          key: answerpress-\${{ github.sha }}
          restore-keys: answerpress-
      # With the last output restored, a build that would remove more than half of its question
      # pages (a deleted or moved folder) stops rather than publish; --allow-shrink, run by hand,
      # publishes such a change when it is meant.
      - run: npx answerpress build --data ${dataDir}${layouts} --out _site --cache .answerpress-cache
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deployment
        uses: actions/deploy-pages@v4
`;
}

/**
 * A build in `shards` parts: each runner builds its part cold (a part keeps no cache); the
 * merge job reads only the parts' pages and search shards, never the data. A part holds its
 * own questions in full and outlines the others (docs/scaling.md): at 100,000 questions in 4
 * parts it needs about 3 GB of heap, more than Node's default limit on a 7 GB runner (a
 * quarter of the memory). The limit is set to 5 GB, which leaves the runner 2 GB and a larger
 * site, or one in fewer parts, room to grow (a part of 4 at 100,000 questions then peaks at
 * 3.6 GiB, where a 3 GB limit held it to 3.2 GiB at the cost of more collecting).
 */
function partsJobs(setup: string, dataDir: string, layouts: string, shards: number): string {
  const list = Array.from({ length: shards }, (_, i) => i).join(', ');
  return `  part:
    if: github.event_name != 'pull_request'
    needs: validate
    runs-on: ubuntu-latest
    strategy:
      matrix:
        shard: [${list}]
    # A part outlines the questions of the others (5 GB of heap holds a quarter of 100,000
    # questions). With templates of your own in --layouts every part holds the whole site, as
    # one build does: give it that build's heap, and a runner with the memory for it.
    env:
      NODE_OPTIONS: --max-old-space-size=5120
    steps:
${setup}      - run: npx answerpress build --shard \${{ matrix.shard }}/${shards} --data ${dataDir}${layouts} --out part-\${{ matrix.shard }}
      # A part's search shards are in its hidden .answerpress-part/ folder, which
      # upload-artifact leaves out unless told.
      - uses: actions/upload-artifact@v4
        with:
          name: part-\${{ matrix.shard }}
          path: part-\${{ matrix.shard }}
          include-hidden-files: true
          retention-days: 1

  deploy:
    needs: part
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
${setup}      - uses: actions/download-artifact@v4
        with:
          pattern: part-*
      - run: npx answerpress merge${layouts} --out _site ${Array.from({ length: shards }, (_, i) => `part-${i}`).join(' ')}
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deployment
        uses: actions/deploy-pages@v4
`;
}
