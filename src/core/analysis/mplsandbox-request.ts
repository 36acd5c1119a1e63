// One MPLSandbox request end to end — its dict in, `get_basic_info()`'s dict out, with the analysis keys it
// asks for — shared by `mplsandbox run --request` and the service's POST /run-app.
import type { SandboxEngine } from '../sandbox/engine';
import { fromMplRequest, MplRequestError, toMplResult, type MplRunRequest } from '../sandbox/mplsandbox-compat';
import type { RunResult } from '../sandbox/types';
import { analyzeCode } from './analyze-code';
import { categoriesFor, mplAnalysisFields, parseMplAnalysisType, type MplAnalysisKey } from './mplsandbox-analysis';

export interface ParsedMplRequest {
  mpl: MplRunRequest;
  analysisKeys?: MplAnalysisKey[];
}

/**
 * Checks an MPLSandbox request before anything runs; `analysis` (a flag's value) wins over the request's
 * `analysis_type`. Throws MplRequestError saying what is wrong.
 */
export function parseMplRequest(raw: unknown, analysis?: unknown): ParsedMplRequest {
  const mpl = fromMplRequest(raw);
  const asked = analysis !== undefined ? analysis : (raw as Record<string, unknown>).analysis_type;
  try {
    return { mpl, analysisKeys: parseMplAnalysisType(asked) };
  } catch (err) {
    throw new MplRequestError((err as Error).message);
  }
}

/**
 * MPLSandbox's result dict for a run of `parsed.mpl.request` (made by the caller: the CLI's way or the
 * service's, with admission and metrics), with the asked analyses filled in (none after a sandbox fault).
 */
export async function completeMplRequest(
  engine: SandboxEngine,
  parsed: ParsedMplRequest,
  result: RunResult,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...toMplResult(result, parsed.mpl) };
  if (parsed.analysisKeys && !('error' in out)) {
    const analysis = await analyzeCode(
      { code: parsed.mpl.request.code, language: result.language, cases: parsed.mpl.request.cases, only: categoriesFor(parsed.analysisKeys), limits: parsed.mpl.request.limits, signal },
      engine,
    );
    Object.assign(out, mplAnalysisFields(parsed.analysisKeys, analysis));
  }
  return out;
}
