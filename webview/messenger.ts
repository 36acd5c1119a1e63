// Typed requests to the extension and the state it pushes, both checked against the protocol's zod schemas.
import {
  toExtensionProtocol,
  toWebviewMessageSchema,
  type PanelState,
  type RequestData,
  type RequestName,
  type ResponseData,
} from '../src/shared/critique-protocol';
import { vscodeApi } from './vscode-api';

interface Pending {
  name: RequestName;
  resolve: (data: unknown) => void;
  reject: (err: Error) => void;
}

const pending = new Map<string, Pending>();
let nextId = 1;

export function request<N extends RequestName>(name: N, data: RequestData<N>): Promise<ResponseData<N>> {
  const id = `r${nextId++}`;
  return new Promise<ResponseData<N>>((resolve, reject) => {
    pending.set(id, { name, resolve: (d) => resolve(d as ResponseData<N>), reject });
    vscodeApi.postMessage({ kind: 'request', id, name, data: toExtensionProtocol[name][0].parse(data) });
  });
}

/** Starts listening; `onState` gets every state the extension pushes. */
export function listen(onState: (state: PanelState) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const parsed = toWebviewMessageSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('MPLSandbox critique panel: ignored a malformed message', parsed.error.issues[0]?.message);
      return;
    }
    const message = parsed.data;
    if (message.kind === 'state') {
      onState(message.state);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting || waiting.name !== message.name) return;
    pending.delete(message.id);
    if (message.error !== undefined) {
      waiting.reject(new Error(message.error));
      return;
    }
    const data = toExtensionProtocol[message.name][1].safeParse(message.data);
    if (data.success) waiting.resolve(data.data);
    else waiting.reject(new Error(`malformed ${message.name} response: ${data.error.issues[0]?.message ?? 'invalid'}`));
  });
}
