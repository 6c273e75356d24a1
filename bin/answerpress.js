#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

const args = process.argv.slice(2);
const code = await main(args);
// A finished build exits at once rather than tearing down a heap of hundreds of megabytes
// (a tenth of a second at 10,000 questions); output to pipes and files is written synchronously.
// The other commands may leave a server running, so they end when their work does.
if (args[0] === 'build') process.exit(code);
process.exitCode = code;
