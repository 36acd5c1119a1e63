// Typed requests to the extension and the state it pushes, both checked against the protocol's zod schemas. A
// request the extension does not answer in time fails with a message the panel shows (never a button that waits
// for ever); a late answer to it is then ignored.
import {
  toExtensionProtocol,
  toWebviewMessageSchema,
  type PanelState,
  type RequestData,
  type RequestName,
  type ResponseData,
} from '../src/shared/critique-protocol';

/** How long the page waits for the extension to answer one request. */
export const REQUEST_TIMEOUT_MS = 15_000;

interface Pending {
  name: RequestName;
  resolve: (data: unknown) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** What the messenger needs of the page: a way to post to the extension and the window's message events. */
export interface MessengerHost {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export class Messenger {
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;

  constructor(
    private readonly host: MessengerHost,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  request<N extends RequestName>(name: N, data: RequestData<N>): Promise<ResponseData<N>> {
    const id = `r${this.nextId++}`;
    return new Promise<ResponseData<N>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`MPLSandbox did not answer "${name}" within ${Math.ceil(this.timeoutMs / 1000)} s: the extension may be busy or restarting. Try again; if it keeps happening, reload the window.`));
      }, this.timeoutMs);
      this.pending.set(id, { name, resolve: (d) => resolve(d as ResponseData<N>), reject, timer });
      this.host.postMessage({ kind: 'request', id, name, data: toExtensionProtocol[name][0].parse(data) });
    });
  }

  /** Starts listening; `onState` gets every state the extension pushes. */
  listen(onState: (state: PanelState) => void): void {
    this.host.addEventListener('message', (event: MessageEvent) => {
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
      const waiting = this.pending.get(message.id);
      if (!waiting || waiting.name !== message.name) return;
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.error !== undefined) {
        waiting.reject(new Error(message.error));
        return;
      }
      const data = toExtensionProtocol[message.name][1].safeParse(message.data);
      if (data.success) waiting.resolve(data.data);
      else waiting.reject(new Error(`malformed ${message.name} response: ${data.error.issues[0]?.message ?? 'invalid'}`));
    });
  }
}
