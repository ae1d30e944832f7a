import { AppError } from '../errors';

/** A small counting semaphore with a bounded queue: beyond it the caller is refused at once. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
    private readonly busy: 'IMPORT_BUSY' | 'EXPORT_BUSY' = 'IMPORT_BUSY',
  ) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) {
      if (this.waiting.length >= this.maxWaiting) throw new AppError(this.busy);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
