import type { Command } from '../ctx';

/** MPLSandbox: Show Sandbox Log — reveals the "MPLSandbox" output channel. */
export const showLog: Command = {
  id: 'mplsandbox.showLog',
  factory: (ctx) => () => ctx.log.show(true),
};
