// Turns the job log ("2026-12-03T07:00:00.000Z [step] text" lines) into per-step progress.
const LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) \[([^\]]+)\] ?(.*)$/;

export function parseLine(line) {
  const match = LINE.exec(line);
  return match ? { time: Date.parse(match[1]), step: match[2], text: match[3] } : { time: NaN, step: null, text: line };
}

/** Steps in the order they first logged, each with its first and last time and its last lines. */
export class StepTracker {
  constructor() { this.steps = []; this.byName = new Map(); this.last = null; }

  add(line) {
    const { time, step } = parseLine(line);
    if (!step) return;
    let entry = this.byName.get(step);
    if (!entry) {
      entry = { name: step, start: time, end: time, lines: [] };
      this.byName.set(step, entry);
      this.steps.push(entry);
    }
    if (!Number.isNaN(time)) entry.end = time;
    entry.lines.push(line);
    if (entry.lines.length > 12) entry.lines.shift();
    this.last = entry;
  }

  /** The step a running build is in: the last one that logged, other than the closing "end". */
  current() {
    const working = this.steps.filter(step => step.name !== 'end');
    return working.length ? working[working.length - 1] : null;
  }

  /** Each step's duration: until the next step began, or (the last one) until its last line or now while running. */
  durations(running, now = Date.now()) {
    const working = this.steps.filter(step => step.name !== 'end');
    const endLine = this.byName.get('end');
    return working.map((step, index) => {
      const next = working[index + 1];
      const stop = next ? next.start : running ? now : (endLine ? endLine.start : step.end);
      return { ...step, ms: stop - step.start };
    });
  }
}
