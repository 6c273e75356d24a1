/**
 * A GitHub Actions workflow for a content repository: pull requests are validated (errors show
 * on the offending lines); pushes to main that touch data or layouts are built (incrementally,
 * from the last output and build cache kept by actions/cache) and deployed to GitHub Pages.
 * https://docs.github.com/actions/deployment/deploying-to-github-pages
 */
export function workflow(dataDir: string, layoutsDir: string | undefined): string {
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
  return `# Written by \`answerpress init\`.
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

  deploy:
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
