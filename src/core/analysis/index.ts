// Code analysis (MPLSandbox's basic, smell, bug, coverage and efficiency analyses) for every sandbox language.
export * from './types';
export { analyzeCode, type AnalyzeOptions } from './analyze-code';
export { analyzeBasic } from './basic/analyze-basic';
