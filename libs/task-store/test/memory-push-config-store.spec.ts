import { MemoryPushConfigStore } from '../src/index.js';

describe('MemoryPushConfigStore', () => {
  it('assigns an id when the config has none and reads it back', async () => {
    const store = new MemoryPushConfigStore();
    const saved = await store.set('t-1', { url: 'https://hooks.example.com/a', token: 'tok' });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved).toEqual({ id: saved.id, taskId: 't-1', url: 'https://hooks.example.com/a', token: 'tok' });
    expect(await store.get('t-1', saved.id ?? '')).toEqual(saved);
    expect(await store.get('t-2', saved.id ?? '')).toBeUndefined();
  });

  it('replaces a config set again with the same id, keeping its place', async () => {
    const store = new MemoryPushConfigStore();
    await store.set('t-1', { id: 'a', url: 'https://hooks.example.com/a' });
    await store.set('t-1', { id: 'b', url: 'https://hooks.example.com/b' });
    await store.set('t-1', { id: 'a', url: 'https://hooks.example.com/a2' });
    expect((await store.list('t-1')).map((c) => [c.id, c.url])).toEqual([
      ['a', 'https://hooks.example.com/a2'],
      ['b', 'https://hooks.example.com/b'],
    ]);
    expect(await store.list('t-2')).toEqual([]);
  });

  it('deletes a config once', async () => {
    const store = new MemoryPushConfigStore();
    await store.set('t-1', { id: 'a', url: 'https://hooks.example.com/a' });
    expect(await store.delete('t-1', 'a')).toBe(true);
    expect(await store.delete('t-1', 'a')).toBe(false);
    expect(await store.delete('t-9', 'a')).toBe(false);
    expect(await store.list('t-1')).toEqual([]);
  });

  it('keeps its own copies', async () => {
    const store = new MemoryPushConfigStore();
    const config = { id: 'a', url: 'https://hooks.example.com/a', authentication: { scheme: 'Bearer' } };
    const saved = await store.set('t-1', config);
    config.authentication.scheme = 'Basic';
    saved.url = 'https://evil.example.com';
    const listed = await store.list('t-1');
    listed[0].token = 'x';
    expect(await store.get('t-1', 'a')).toEqual({
      id: 'a',
      taskId: 't-1',
      url: 'https://hooks.example.com/a',
      authentication: { scheme: 'Bearer' },
    });
  });
});
