import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguage } from '../../../src/core/languages/registry';
import { DEFAULT_LIMITS, resolveLimits } from '../../../src/core/sandbox/limits';

const MiB = 1024 * 1024;

describe('resolveLimits', () => {
  it('starts from the documented defaults', () => {
    const l = resolveLimits(getLanguage('cpp'));
    assert.deepEqual(l, DEFAULT_LIMITS);
    assert.equal(l.compile.timeoutMs, 30_000);
    assert.equal(l.run.memoryBytes, 256 * MiB);
    assert.equal(l.tmpfsBytes, 64 * MiB);
  });

  it('gives heavy toolchains more room', () => {
    assert.equal(resolveLimits(getLanguage('rust')).compile.memoryBytes, 2048 * MiB);
    assert.equal(resolveLimits(getLanguage('java')).run.memoryBytes, 512 * MiB);
    assert.equal(resolveLimits(getLanguage('java')).run.pids, 128);
  });

  it('applies engine defaults, then the request, ignoring undefined fields', () => {
    const l = resolveLimits(getLanguage('cpp'), { run: { timeoutMs: 5000 }, nofile: 64 }, { run: { timeoutMs: 2000, memoryBytes: undefined }, fileSizeBytes: MiB });
    assert.equal(l.run.timeoutMs, 2000);
    assert.equal(l.run.memoryBytes, 256 * MiB);
    assert.equal(l.nofile, 64);
    assert.equal(l.fileSizeBytes, MiB);
  });

  it('applies any number of layers in order: engine, then user, then request', () => {
    const l = resolveLimits(getLanguage('java'), { run: { timeoutMs: 5000, pids: 100 } }, { run: { timeoutMs: 3000 }, nofile: 32 }, { run: { timeoutMs: 2000 } });
    assert.equal(l.run.timeoutMs, 2000);
    assert.equal(l.run.pids, 100);
    assert.equal(l.run.memoryBytes, 512 * MiB, "the language's layer stays where no later layer sets it");
    assert.equal(l.nofile, 32);
    const py = resolveLimits(getLanguage('python'), undefined, { run: { memoryBytes: 300 * MiB } }, undefined);
    assert.equal(py.compile.memoryBytes, 300 * MiB, "a syntax check follows the run phase's memory from any layer");
  });

  it("lets a syntax-check compile phase follow the run phase's memory, cpus and pids unless set", () => {
    const py = resolveLimits(getLanguage('python'), undefined, { run: { memoryBytes: 512 * MiB } });
    assert.equal(py.compile.memoryBytes, 512 * MiB);
    assert.equal(py.compile.cpus, py.run.cpus);
    assert.equal(py.compile.pids, py.run.pids);
    assert.equal(py.compile.timeoutMs, 30_000);
    const explicit = resolveLimits(getLanguage('python'), undefined, { compile: { memoryBytes: 100 * MiB } });
    assert.equal(explicit.compile.memoryBytes, 100 * MiB);
  });

  it('rejects non-positive and non-numeric values', () => {
    assert.throws(() => resolveLimits(getLanguage('c'), undefined, { run: { timeoutMs: 0 } }), /run\.timeoutMs must be a positive number/);
    assert.throws(() => resolveLimits(getLanguage('c'), undefined, { compile: { pids: 1.5 } }), /compile\.pids must be a positive integer/);
    assert.throws(() => resolveLimits(getLanguage('c'), undefined, { nofile: Number.NaN }), /nofile/);
  });
});
