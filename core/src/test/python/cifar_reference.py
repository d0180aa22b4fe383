#!/usr/bin/env python3
"""The assignment's get_CIFAR10_data, on the binary batches, as the reference for CifarLoaderTest.

usage: cifar_reference.py CIFAR_DIR NUM_TRAINING NUM_VALIDATION NUM_TEST OUT.npz

load_CIFAR10 is the assignment's (data_utils.py) with the pickle reading replaced by the binary
record format: 1 label byte + 3072 pixel bytes per record. The rest is copied from
get_CIFAR10_data: .astype("float"), masks, np.mean(X_train, axis=0), subtraction, transpose.
"""
import os
import sys

import numpy as np


def load_CIFAR_batch(filename):
    raw = np.fromfile(filename, dtype=np.uint8).reshape(-1, 3073)
    Y = raw[:, 0].astype(np.int64)
    X = raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).astype("float")
    return X, Y


def load_CIFAR10(ROOT):
    xs, ys = [], []
    for b in range(1, 6):
        X, Y = load_CIFAR_batch(os.path.join(ROOT, "data_batch_%d.bin" % b))
        xs.append(X)
        ys.append(Y)
    Xtr = np.concatenate(xs)
    Ytr = np.concatenate(ys)
    Xte, Yte = load_CIFAR_batch(os.path.join(ROOT, "test_batch.bin"))
    return Xtr, Ytr, Xte, Yte


def get_CIFAR10_data(cifar10_dir, num_training, num_validation, num_test, subtract_mean=True):
    X_train, y_train, X_test, y_test = load_CIFAR10(cifar10_dir)
    mask = list(range(num_training, num_training + num_validation))
    X_val = X_train[mask]
    y_val = y_train[mask]
    mask = list(range(num_training))
    X_train = X_train[mask]
    y_train = y_train[mask]
    mask = list(range(num_test))
    X_test = X_test[mask]
    y_test = y_test[mask]
    if subtract_mean:
        mean_image = np.mean(X_train, axis=0)
        X_train -= mean_image
        X_val -= mean_image
        X_test -= mean_image
    X_train = X_train.transpose(0, 3, 1, 2).copy()
    X_val = X_val.transpose(0, 3, 1, 2).copy()
    X_test = X_test.transpose(0, 3, 1, 2).copy()
    return dict(X_train=X_train, y_train=y_train, X_val=X_val, y_val=y_val, X_test=X_test, y_test=y_test)


if __name__ == "__main__":
    d = get_CIFAR10_data(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    d["X_test_f32"] = d["X_test"].astype(np.float32)
    np.savez(sys.argv[5], **d)
