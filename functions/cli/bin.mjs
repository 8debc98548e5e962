#!/usr/bin/env node
// The `fazhi` command. Calendars are TypeScript files, so the CLI runs under tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
