/** Runs tasks that share a key one after another, in arrival order; different keys run freely. */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.#tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // The last holder cleans up, so the map only holds keys that are in use.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
