// Reading what the user hands the CLI (files or '-', JSON, test cases, a language name), each failure a
// UsageError with a one-line reason.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from './cli-types';
import { UsageError } from './cli-types';
import { findLanguage, supportedLanguageList } from '../core/languages/registry';
import { parseCases } from '../core/sandbox/judge';
import type { TestCase } from '../core/sandbox/types';

/** A file's text, or standard input for '-'. */
export async function readText(path: string, io: CliIO, what: string): Promise<string> {
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const c of io.stdin) chunks.push(Buffer.from(c as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} '${path}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

export async function readCasesFile(path: string, io: CliIO): Promise<TestCase[]> {
  const json = parseJson(await readText(path, io, 'cases file'), 'the cases file');
  try {
    return parseCases(json);
  } catch (err) {
    throw new UsageError(`the cases file: ${(err as Error).message}`);
  }
}

/** A language id or alias, or `auto`; anything else is a UsageError listing the supported languages. */
export function checkLanguage(lang: string | undefined): string {
  if (lang && lang.toLowerCase() !== 'auto' && !findLanguage(lang)) throw new UsageError(`unknown language '${lang}'; supported: ${supportedLanguageList()} (or auto)`);
  return lang ?? 'auto';
}

export function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} takes a positive number, got '${value}'`);
  return n;
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A sub-command's flags and positionals; an unknown or malformed flag is a UsageError (exit 2). */
export function parseCommandArgs<const O extends OptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
