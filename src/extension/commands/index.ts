// Every command of the extension. To add one: create commands/<name>.ts exporting a `Command`,
// add it to this list, and declare it in package.json's contributes.commands (the extension-host
// test checks that the two agree).
import type { Command } from '../ctx';
import { showLog } from './show-log';

export const commands: readonly Command[] = [showLog];
