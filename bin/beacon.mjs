#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between a checkout and `beacon`.
import { URL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
