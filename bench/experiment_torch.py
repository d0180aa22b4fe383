#!/usr/bin/env python3
"""The work of `vecnn experiment` in PyTorch (CPU): what most users would write instead.

Two nets 3072 -> 500 -> 10 (float32, weights N(0, 1e-2), zero biases), one without dropout and
one keeping 25% of the hidden units (torch's Dropout takes the DROP probability: p = 0.75),
trained on the first 500 preprocessed CIFAR-10 training images with Adam (lr 5e-4), batch 100,
25 epochs = 125 steps each, with the Solver's 26 accuracy checks (after the first step and after
every epoch: the 500 training images and the 1000 validation images, forward in eval mode).
The weights and the minibatch rows come from numpy's stream seeded with 231 once, in the order
the assignment draws them (experiment_numpy.py); torch's own generator draws the dropout masks.
The data is loaded and preprocessed by experiment_numpy.py's loader (float32, cast once).

    python3 bench/experiment_torch.py --data /work/shared/data/cifar-10-binary.tar.gz [--threads N] [--json out.json]

Prints the accuracies and the wall and CPU time of training + evaluation (the part `vecnn
experiment` reports as "training+evaluation"). Without torch it says so and exits with 0.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

try:
    import torch
except ImportError:
    print("PyTorch is not installed: skipping the torch comparison (pip install torch into a venv)")
    sys.exit(0)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import experiment_numpy  # noqa: E402  (the same CIFAR-10 loader and preprocessing)


def build(hidden, keep, weight_scale=1e-2):
    """The assignment's FullyConnectedNet([hidden], dropout=keep): weights drawn from np.random."""
    w1 = weight_scale * np.random.randn(3072, hidden)
    w2 = weight_scale * np.random.randn(hidden, 10)
    layers = [torch.nn.Linear(3072, hidden), torch.nn.ReLU()]
    if keep != 1:
        layers.append(torch.nn.Dropout(p=1 - keep))
    layers.append(torch.nn.Linear(hidden, 10))
    net = torch.nn.Sequential(*layers)
    with torch.no_grad():
        net[0].weight.copy_(torch.from_numpy(w1.T.astype(np.float32)))
        net[0].bias.zero_()
        net[-1].weight.copy_(torch.from_numpy(w2.T.astype(np.float32)))
        net[-1].bias.zero_()
    return net


def accuracy(net, x, y, batch=1000):
    net.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            correct += (net(x[i:i + batch]).argmax(dim=1) == y[i:i + batch]).sum().item()
    net.train()
    return correct / x.shape[0]


def train(net, x_train, y_train, x_val, y_val, epochs, batch, lr):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    per_epoch = max(x_train.shape[0] // batch, 1)
    total = epochs * per_epoch
    train_acc, val_acc, losses = [], [], []
    for t in range(total):
        rows = torch.from_numpy(np.random.choice(x_train.shape[0], batch))
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(net(x_train[rows]), y_train[rows])
        loss.backward()
        opt.step()
        losses.append(loss.item())
        if t == 0 or t == total - 1 or (t + 1) % per_epoch == 0:
            train_acc.append(accuracy(net, x_train, y_train))
            val_acc.append(accuracy(net, x_val, y_val))
    return losses, train_acc, val_acc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="data/", help="CIFAR-10 binary folder or .tar.gz")
    ap.add_argument("--threads", type=int, help="torch.set_num_threads (default: torch's, one per core)")
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--json", help="write the histories and timings here")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    t0 = time.perf_counter()
    data = experiment_numpy.get_cifar10_data(args.data)
    x_train = torch.from_numpy(data["X_train"][:500].reshape(500, -1).astype(np.float32))
    y_train = torch.from_numpy(data["y_train"][:500])
    x_val = torch.from_numpy(data["X_val"][:1000].reshape(1000, -1).astype(np.float32))
    y_val = torch.from_numpy(data["y_val"][:1000])
    t_data = time.perf_counter() - t0

    t1 = time.perf_counter()
    c1 = time.process_time()
    np.random.seed(231)
    torch.manual_seed(231)
    runs = {}
    for keep in (1, 0.25):
        net = build(500, keep)
        losses, train_acc, val_acc = train(net, x_train, y_train, x_val, y_val, args.epochs, 100, 5e-4)
        runs[keep] = (losses, train_acc, val_acc)
    t_train = time.perf_counter() - t1
    c_train = time.process_time() - c1

    for keep, (losses, train_acc, val_acc) in runs.items():
        print("keep %.2f: final train %.3f, final val %.3f, best val %.3f, %d steps, %d checks"
              % (keep, train_acc[-1], val_acc[-1], max(val_acc), len(losses), len(val_acc)))
    print("torch %s, %d threads" % (torch.__version__, torch.get_num_threads()))
    print("data load+preprocess: %.2f s" % t_data)
    print("train+eval (both nets): %.2f s (CPU %.2f s)" % (t_train, c_train))
    if args.json:
        out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "data_seconds": t_data,
               "train_eval_seconds": t_train, "train_eval_cpu_seconds": c_train,
               "runs": {str(k): {"loss": r[0], "train_acc": r[1], "val_acc": r[2]} for k, r in runs.items()}}
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
