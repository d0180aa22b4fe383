#!/usr/bin/env python3
"""numpy side of the CIFAR-10 load benchmark (see CifarLoadBench.java and bench/README.md).

usage: python3 bench/cifar_load_numpy.py ARCHIVE.tar.gz EXTRACTED_DIR [repeats]

Does what vecnn's Cifar10.load does with the default options, in float32: 49000 training,
1000 validation and 1000 test images, (N, 3, 32, 32), mean image over the training split
subtracted from all three. From the extracted folder: np.fromfile, reshape, astype, mean,
subtract. From the .tar.gz: tarfile + np.frombuffer, then the same. Prints the best time of
`repeats` runs and the peak resident memory of the process.
"""
import resource
import sys
import tarfile
import time

import numpy as np

NT, NV, NTEST = 49000, 1000, 1000


def preprocess(train_raw, test_raw):
    train = train_raw.reshape(-1, 3073)
    test = test_raw.reshape(-1, 3073)
    y_train, y_val, y_test = train[:NT, 0].astype(np.int32), train[NT:NT + NV, 0].astype(np.int32), test[:NTEST, 0].astype(np.int32)
    x_train = train[:NT, 1:].astype(np.float32).reshape(-1, 3, 32, 32)
    x_val = train[NT:NT + NV, 1:].astype(np.float32).reshape(-1, 3, 32, 32)
    x_test = test[:NTEST, 1:].astype(np.float32).reshape(-1, 3, 32, 32)
    mean = x_train.mean(axis=0, dtype=np.float64)
    x_train -= mean.astype(np.float32)
    x_val -= mean.astype(np.float32)
    x_test -= mean.astype(np.float32)
    return x_train, y_train, x_val, y_val, x_test, y_test


def from_folder(d):
    train = np.concatenate([np.fromfile(f"{d}/data_batch_{b}.bin", dtype=np.uint8) for b in range(1, 6)])
    test = np.fromfile(f"{d}/test_batch.bin", dtype=np.uint8)
    return preprocess(train, test)


def from_archive(path):
    batches = {}
    with tarfile.open(path, "r:gz") as tar:
        for m in tar:
            name = m.name.rsplit("/", 1)[-1]
            if name.endswith(".bin"):
                batches[name] = np.frombuffer(tar.extractfile(m).read(), dtype=np.uint8)
    train = np.concatenate([batches[f"data_batch_{b}.bin"] for b in range(1, 6)])
    return preprocess(train, batches["test_batch.bin"])


def best(fn, arg, repeats):
    times, cpu = [], []
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        out = fn(arg)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        del out
    return min(times), min(cpu)


if __name__ == "__main__":
    archive, folder = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    tf = best(from_folder, folder, repeats)
    ta = best(from_archive, archive, repeats)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"numpy  folder  best {tf[0]:.3f} s  best CPU {tf[1]:.3f} s")
    print(f"numpy  tar.gz  best {ta[0]:.3f} s  best CPU {ta[1]:.3f} s")
    print(f"numpy  peak RSS {peak_mb:.0f} MB")
