/**
 * Many callers, one statement. Items that arrive while `parallel` batches are already in
 * flight wait and then go together, so a rush pays one round trip, one plan and one commit per
 * batch instead of per request (issue 10, ADR 0034). An idle server sends an item alone and
 * at once: nothing ever waits for a timer.
 *
 * Items with the same key never share a batch, so a statement that must see a key once (an
 * UPDATE … FROM a list of ids) never sees it twice. A batch that throws is run again item by
 * item, so one bad item fails alone and the others still get their answers.
 */
export interface CoalescerOptions<In, Out> {
  /** Answers in the order of the items given. */
  run: (items: In[]) => Promise<Out[]>;
  key?: (item: In) => unknown;
  maxBatch: number;
  parallel: number;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

export class Coalescer<In, Out> {
  private queue: Waiting<In, Out>[] = [];
  private inFlight = 0;

  constructor(private readonly options: CoalescerOptions<In, Out>) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.options.parallel && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private take(): Waiting<In, Out>[] {
    const { key, maxBatch } = this.options;
    const seen = new Set<unknown>();
    const batch: Waiting<In, Out>[] = [];
    const rest: Waiting<In, Out>[] = [];
    for (const w of this.queue) {
      // Without a key every item is its own: the waiting entry itself stands for it.
      const k = key ? key(w.item) : w;
      if (batch.length < maxBatch && !seen.has(k)) {
        seen.add(k);
        batch.push(w);
      } else {
        rest.push(w);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async runBatch(batch: Waiting<In, Out>[]) {
    try {
      const out = await this.answers(batch.map((w) => w.item));
      for (const [i, w] of batch.entries()) w.resolve(out[i] as Out);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const w of batch) {
        try {
          const [out] = await this.answers([w.item]);
          w.resolve(out as Out);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }

  private async answers(items: In[]): Promise<Out[]> {
    const out = await this.options.run(items);
    if (out.length !== items.length) {
      throw new Error(`coalesced run answered ${out.length} of ${items.length} items`);
    }
    return out;
  }
}
