/** What the writers were told succeeded on one task, to compare with what the store kept. */
export interface TaskTally {
  readonly taskId: string;
  readonly contextId: string;
  /** Changes handed out on this task (succeeded, failed or in flight). */
  issued: number;
  /** appendArtifact calls that resolved: the task must hold this many artifacts. */
  artifacts: number;
  /** transition calls that resolved: each added its status message to the history. */
  messages: number;
}

/**
 * The small set of tasks every writer hammers at once. Each task takes `changesPerTask` changes and is
 * then replaced by a fresh one, so the task documents stay the same size whatever the throughput, and
 * both stores are measured on the same task sizes.
 */
export class ContendedTasks {
  private readonly slots: { tally: TaskTally; successor?: Promise<TaskTally> }[] = [];
  private readonly every: TaskTally[] = [];

  constructor(
    private readonly width: number,
    private readonly changesPerTask: number,
    private readonly create: () => Promise<TaskTally>,
  ) {}

  async open(): Promise<void> {
    for (let i = 0; i < this.width; i++) this.slots.push({ tally: this.track(await this.create()) });
  }

  /** The task for the next change in slot `index`; waits for the replacement when the slot's task is full. */
  async acquire(index: number): Promise<TaskTally> {
    let slot = this.slots[index];
    while (slot.tally.issued >= this.changesPerTask) {
      await slot.successor;
      slot = this.slots[index];
    }
    slot.tally.issued += 1;
    if (slot.tally.issued === this.changesPerTask) {
      slot.successor = this.create().then((tally) => {
        this.slots[index] = { tally: this.track(tally) };
        return tally;
      });
    }
    return slot.tally;
  }

  /** Waits for replacements still being created. */
  async settle(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.successor));
  }

  /** Every task used so far. */
  all(): readonly TaskTally[] {
    return this.every;
  }

  private track(tally: TaskTally): TaskTally {
    this.every.push(tally);
    return tally;
  }
}
