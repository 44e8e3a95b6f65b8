/**
 * At most `size` pieces of work at once; the rest wait their turn in the order they came. For
 * work whose memory is large and bounded each (a roster on its worker thread), so that any
 * number of them at once stays within what one of them takes times `size`.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Runs `work` once a slot is free, after calling `onWait` if it has to wait for one. */
  async run<T>(work: () => Promise<T>, onWait: () => void = () => {}): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else {
      onWait();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}
