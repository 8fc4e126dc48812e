#!/usr/bin/env node
// Runs the CLI from its TypeScript source; tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
if (!process.argv.includes('serve')) process.exit(code);
