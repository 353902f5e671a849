/**
 * Runs `task` `runs` times in a row and returns the median wall time in seconds with the last
 * run's result. The median, not the mean, so one run slowed by a neighbour's load does not count.
 */
export async function medianSeconds<T>(runs: number, task: (run: number) => Promise<T>): Promise<{ seconds: number; result: T; all: number[] }> {
  const all: number[] = []
  let result: T | undefined
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    result = await task(run)
    all.push((performance.now() - started) / 1000)
  }
  const sorted = [...all].sort((a, b) => a - b)
  return { seconds: sorted[Math.floor(sorted.length / 2)]!, result: result as T, all }
}
