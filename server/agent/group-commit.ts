/**
 * Group commit: the writes of concurrent callers that share a key (a tenant) go to the database
 * together, one statement and one commit for the group, instead of a transaction each. A group
 * goes out once the arrivals of the same tick have joined it, as long as fewer than `maxInFlight`
 * groups of its key are being written; otherwise its callers wait for one of those to finish and
 * go out together then. At low load a write waits for nothing; under load each round trip and
 * each commit is shared by everyone who arrived meanwhile. There is no timer to tune.
 *
 * An id appears at most once in a group (a second call for the same id waits for the next group),
 * so a write never has to decide between two calls for one row. A write that throws fails every
 * call of its group; the next group is tried afresh.
 */
export type GroupWrite<Item, Result> = (key: string, items: Item[]) => Promise<Map<string, Result>>;

type Waiting<Item, Result> = {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
};

type KeyState<Item, Result> = {
  waiting: Array<Waiting<Item, Result>>;
  /** Groups being written. */
  inFlight: number;
  /** Whether a flush is due on the next turn of the event loop. */
  scheduled: boolean;
};

export class GroupCommit<Item extends { id: string }, Result> {
  private readonly keys = new Map<string, KeyState<Item, Result>>();

  /**
   * `write` takes one group and answers with a result per item id; `maxGroup` bounds a group (its
   * statement's parameters, and how long one commit holds its rows); `maxInFlight` how many groups
   * of one key are written at once (two: a group gathers while the one before is at the database,
   * and a caller arriving then need not wait for it to finish).
   */
  constructor(
    private readonly write: GroupWrite<Item, Result>,
    private readonly limits: { maxGroup: number; maxInFlight: number } = { maxGroup: 500, maxInFlight: 2 },
  ) {}

  submit(key: string, item: Item): Promise<Result> {
    let state = this.keys.get(key);
    if (!state) {
      state = { waiting: [], inFlight: 0, scheduled: false };
      this.keys.set(key, state);
    }
    const waiting = state.waiting;
    const promise = new Promise<Result>((resolve, reject) => waiting.push({ item, resolve, reject }));
    this.schedule(key, state);
    return promise;
  }

  /** A flush on the next turn (so the calls of this tick join it), if a group may go out. */
  private schedule(key: string, state: KeyState<Item, Result>): void {
    if (state.scheduled || state.inFlight >= this.limits.maxInFlight || state.waiting.length === 0) return;
    state.scheduled = true;
    setImmediate(() => void this.flush(key, state));
  }

  private async flush(key: string, state: KeyState<Item, Result>): Promise<void> {
    state.scheduled = false;
    const group: Array<Waiting<Item, Result>> = [];
    const later: Array<Waiting<Item, Result>> = [];
    const ids = new Set<string>();
    for (const waiting of state.waiting) {
      if (group.length < this.limits.maxGroup && !ids.has(waiting.item.id)) {
        ids.add(waiting.item.id);
        group.push(waiting);
      } else later.push(waiting);
    }
    state.waiting = later;
    state.inFlight++;
    this.schedule(key, state);
    try {
      const results = await this.write(
        key,
        group.map((waiting) => waiting.item),
      );
      for (const { item, resolve, reject } of group) {
        const result = results.get(item.id);
        if (result === undefined) reject(new Error(`The group write answered nothing for ${item.id}.`));
        else resolve(result);
      }
    } catch (error) {
      for (const { reject } of group) reject(error);
    }
    state.inFlight--;
    this.schedule(key, state);
    if (state.inFlight === 0 && !state.scheduled && state.waiting.length === 0) this.keys.delete(key);
  }
}
