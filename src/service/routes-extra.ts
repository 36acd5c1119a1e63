// The endpoints beyond running programs: MPLSandbox's POST /run-app, POST /v1/critique and POST /v1/analyze.
import { z } from 'zod';
import { analyzeCode } from '../core/analysis/analyze-code';
import { completeMplRequest, parseMplRequest } from '../core/analysis/mplsandbox-request';
import { ANALYSIS_CATEGORIES } from '../core/analysis/types';
import type { LanguageId } from '../core/languages/types';
import { MplRequestError } from '../core/sandbox/mplsandbox-compat';
import { critiqueRequest } from './critique';
import { ApiError, parseBody } from './errors';
import { programShape, toNativeRun } from './native';
import { resolveLanguage } from './request-fields';
import type { SandboxService } from './server';
import { isAbortError } from '../core/abort';

const analyzeShape = programShape.pick({ code: true, language: true, fileName: true, cases: true }).extend({
  only: z.array(z.enum(ANALYSIS_CATEGORIES as unknown as [string, ...string[]])).min(1).optional(),
});

function cancelled(err: unknown): boolean {
  return isAbortError(err);
}

export function registerExtraRoutes(service: SandboxService): void {
  const app = service.app;

  // MPLSandbox's scripts/app.py: its request dict in, `MPLSANDBOX(data).get_basic_info()`'s dict out
  // (plus the analysis keys of `analysis_type`, as its `run()` fills them).
  app.post('/run-app', async (request, reply) => {
    if (request.body === undefined || request.body === null || typeof request.body !== 'object' || Array.isArray(request.body)) {
      throw new ApiError(400, 'invalid_request', 'the request body must be a JSON object: MPLSandbox\'s request dict (question, code, unit_cases, lang)');
    }
    let parsed;
    try {
      parsed = parseMplRequest(request.body);
    } catch (err) {
      if (err instanceof MplRequestError) {
        const field = /^([a-z_]+)[:.]/.exec(err.message)?.[1];
        throw new ApiError(400, 'invalid_request', err.message, field);
      }
      throw err;
    }
    const lang = resolveLanguage(parsed.mpl.request.language, 'lang', { allowAuto: true });
    if (lang !== 'auto') service.checkEnabled(lang.id, 'lang');
    service.admit();
    const signal = service.clientSignal(reply);
    try {
      const result = await service.run(parsed.mpl.request, signal, true);
      return await completeMplRequest(service.engine, parsed, result, signal);
    } catch (err) {
      if (cancelled(err)) return reply.code(499).send({ error: { code: 'cancelled', message: 'the client disconnected' } });
      throw err;
    }
  });

  app.post('/v1/critique', async (request, reply) => {
    service.admit();
    const signal = service.clientSignal(reply);
    try {
      return await critiqueRequest(request.body, service.models, signal);
    } catch (err) {
      if (cancelled(err) || signal.aborted) return reply.code(499).send({ error: { code: 'cancelled', message: 'the client disconnected' } });
      throw err;
    } finally {
      service.admission.leave();
    }
  });

  app.post('/v1/analyze', async (request, reply) => {
    const body = parseBody(analyzeShape, request.body);
    const { request: run } = toNativeRun(body);
    if (run.language !== 'auto') service.checkEnabled(run.language as LanguageId, 'language');
    service.admit();
    const signal = service.clientSignal(reply);
    const t0 = performance.now();
    try {
      return await analyzeCode(
        { code: run.code, language: run.language, fileName: run.fileName, cases: run.cases, only: body.only as (typeof ANALYSIS_CATEGORIES)[number][] | undefined, signal },
        service.engine,
      );
    } catch (err) {
      if (cancelled(err)) return reply.code(499).send({ error: { code: 'cancelled', message: 'the client disconnected' } });
      if (err instanceof Error && /language/i.test(err.name)) throw new ApiError(400, 'invalid_request', `language: ${err.message}`, 'language');
      throw err;
    } finally {
      service.admission.leave((performance.now() - t0) / 1000);
    }
  });
}
