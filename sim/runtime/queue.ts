/**
 * A deduplicating FIFO work queue of keys (client-go workqueue): adding a key
 * already waiting is a no-op, so bursts of events collapse into one sync.
 */
export class WorkQueue {
  private items: string[] = [];
  private head = 0;
  private waiting = new Set<string>();

  add(key: string): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.items.push(key);
  }

  get length(): number {
    return this.items.length - this.head;
  }

  pop(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.waiting.delete(key);
    return key;
  }
}
