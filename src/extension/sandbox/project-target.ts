// The project of a run target in the editor: for a saved file (not a selection, not an untitled buffer) with
// mplsandbox.sandbox.runWithProject on, the nearest root marker above it within its workspace folder (a file
// outside every workspace folder is its folder's). Open editors' unsaved text wins over the files on disk,
// as it does for the file being run.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectRequest } from '../../core/projects/types';
import { loadCore } from './load-core';
import type { RunTarget } from './run-target';

export interface ProjectSettings {
  readonly runWithProject: boolean;
  readonly projectLimits: { maxFiles: number; maxBytes: number };
}

export type ProjectTarget = Pick<RunTarget, 'uri' | 'fileName'> & { isSelection?: boolean };

/** The target's project, undefined for a single-file run; throws the core's ProjectLimitError / ProjectPathError. */
export function resolveProject(settings: ProjectSettings, target: ProjectTarget): ProjectRequest | undefined {
  if (!settings.runWithProject || target.isSelection || target.uri.scheme !== 'file') return undefined;
  const file = target.uri.fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(target.uri);
  const { loadProject } = loadCore();
  const project = loadProject(file, { boundary: folder?.uri.fsPath ?? path.dirname(file), limits: settings.projectLimits });
  const dirty = new Map(vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d.getText()]));
  if (dirty.size) project.files = project.files.map((f) => (f.hostPath && dirty.has(f.hostPath) ? { ...f, content: dirty.get(f.hostPath)! } : f));
  return project;
}
