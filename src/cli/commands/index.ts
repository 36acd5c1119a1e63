// The CLI's sub-commands, in the order `--help` lists them. Add a command: one file in this folder plus one line here.
import type { CliCommand } from '../cli-types';
import { runCommand } from './run';
import { imagesCommand } from './images';
import { critiqueCommand } from './critique';
import { analyzeCommand } from './analyze';
import { fixCommand } from './fix';
import { evalCommand } from './eval';
import { serveCommand } from './serve';

export const commands: CliCommand[] = [runCommand, imagesCommand, critiqueCommand, analyzeCommand, fixCommand, evalCommand, serveCommand];
