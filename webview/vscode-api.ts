// The one handle a webview has on VS Code (acquireVsCodeApi may be called only once per page).
import type { PersistedWebviewState } from '../src/shared/critique-protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: PersistedWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscodeApi: VsCodeApi = acquireVsCodeApi();
