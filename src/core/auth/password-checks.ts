/**
 * A bound on password checks running at once in this process. Each argon2 check costs about a
 * second of CPU; without a bound, a burst of sign-ins (an attack, or a whole office at 9 am)
 * would take every core and slow every other user's pages. A few checks run, a short queue
 * waits, and beyond it a sign-in is asked to try again in a moment.
 */
export const BUSY = Symbol('busy');

export class PasswordCheckLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most checks ever running at once: observable, so tests can hold the bound to account. */
  peak = 0;
  /** Sign-ins turned away because the queue was full. */
  refused = 0;

  constructor(
    readonly concurrent: number,
    readonly queue: number,
  ) {}

  async run<T>(check: () => Promise<T>): Promise<T | typeof BUSY> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queue) {
        this.refused++;
        return BUSY;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    // a slot is held from here: either taken above, or handed over by the check that finished
    this.peak = Math.max(this.peak, this.running);
    try {
      return await check();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
