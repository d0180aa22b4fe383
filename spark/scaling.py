#!/usr/bin/env python3
"""Scaling of `vecnn sweep` on paper, by simulation: Spark's scheduler gives each free executor
core the next trial (one task per trial), so the sweep's time is start-up + one data load per
executor + the makespan of greedy list scheduling of the trial times over the cores. Trial times
are drawn like a random search over hidden sizes (the time of a trial grows with its width).
Prints the time for a range of trial counts and cores, and the driver's memory per trial.
Usage: python3 spark/scaling.py [seconds_per_100_hidden_units] (default 60: one trial of a
100-unit net on 49 000 images, 10 epochs, one core)."""
import heapq
import random
import sys

START = 5.0        # Spark start-up on a cluster (executors up); ~2-3 s embedded
LOAD = 10.0        # one executor reads CIFAR-10 once (tar.gz from a shared filesystem)
PER_100 = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0


def trial_times(n, rng):
    return [PER_100 * rng.choice([1, 2, 5]) * rng.uniform(0.9, 1.1) for _ in range(n)]


def sweep_time(times, cores):
    # every core is free after start-up and its executor's data load; longest-waiting core first
    free = [START + LOAD] * cores
    heapq.heapify(free)
    for t in times:  # trials in index order, as the scheduler hands them out
        heapq.heappush(free, heapq.heappop(free) + t)
    return max(free)


def main():
    rng = random.Random(0)
    cores_list = [1, 2, 8, 32, 128]
    print("trials " + "".join(f"{c:>10} cores" for c in cores_list) + "   (hours; sum of trial time / cores is the floor)")
    for n in [8, 64, 256, 1024]:
        times = trial_times(n, rng)
        row = "".join(f"{sweep_time(times, c) / 3600:>16.2f}" for c in cores_list)
        print(f"{n:>6}{row}")
    steps = 49000 // 100 * 10
    print(f"driver per trial: ~{(steps + 2 * 11) * 8 / 1024:.0f} KiB of histories (49 000 images, 10 epochs, batch 100),"
          " plus one model file in flight (hidden 100: 1.2 MB, hidden 500: 6.2 MB) that only the best keeps")


if __name__ == "__main__":
    main()
