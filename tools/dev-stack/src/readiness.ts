import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `GET <url>/ready` until it answers 200, or throws after `timeoutMs`. */
export async function waitUntilReady(name: string, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(200);
  }
  throw new Error(`${name} was not ready at ${url}/ready after ${timeoutMs} ms (last answer: ${last})`);
}
