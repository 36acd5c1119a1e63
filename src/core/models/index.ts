// Model clients for the critique engine: settings, errors, retries and the chat client.
export * from './config';
export * from './errors';
export * from './retry';
export * from './chat-client';
export * from './response-format';
export * from './json-reply';
export { classifyModelError } from './classify-error';
