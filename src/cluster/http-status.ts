// Probing an HTTP endpoint that may not be listening yet (a server or registry that is starting).
import { get } from 'node:http';

/**
 * The status of a GET (0 when nothing answers). node:http rather than fetch: a fetch whose connection a
 * port proxy drops before the server listens can stay pending with nothing left to wake the process.
 */
export function httpStatus(url: string, timeoutMs = 3000): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}
