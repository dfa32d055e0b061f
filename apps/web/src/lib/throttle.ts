export interface Throttled {
  (): void;
  /** Drops a run still waiting (the caller is going away). */
  cancel(): void;
}

/**
 * Runs `run` at once, then at most once per `intervalMs`: calls in between
 * fold into one run at the end of the interval, so the last call is never lost.
 */
export function throttle(run: () => void, intervalMs: number): Throttled {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let calledMeanwhile = false;
  const throttled = () => {
    if (timer !== undefined) {
      calledMeanwhile = true;
      return;
    }
    run();
    timer = setTimeout(() => {
      timer = undefined;
      if (!calledMeanwhile) return;
      calledMeanwhile = false;
      throttled();
    }, intervalMs);
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    calledMeanwhile = false;
  };
  return throttled;
}
