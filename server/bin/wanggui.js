#!/usr/bin/env node
// The CLI is TypeScript run in place: tsx registers its loader, then the entry point loads.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
