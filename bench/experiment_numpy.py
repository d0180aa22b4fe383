#!/usr/bin/env python3
"""The dropout notebook's section 5 in plain numpy: the reference for `vecnn experiment`.

Two identical nets (3072 -> 500 -> 10, float32, weight scale 1e-2) trained on the first 500
preprocessed CIFAR-10 training images for 25 epochs (batch 100, Adam lr 5e-4), one without
dropout (keep p = 1) and one with inverted dropout keeping 25% of the hidden units, validated on
the 1000 validation images. `np.random.seed(231)` is called ONCE before the loop, exactly as in
the notebook, so the second net's weights continue the first net's random stream.

The code follows the daseCV/CS231n assignment line by line (layers.py, fc_net.py, optim.py,
solver.py, data_utils.get_CIFAR10_data), reading the binary CIFAR-10 batches from the folder or
straight from the .tar.gz.

    python3 bench/experiment_numpy.py --data /work/shared/data/cifar-10-binary.tar.gz [--json out.json]

Prints the notebook's log lines, then the wall time of the data load and of training +
evaluation (the part `vecnn experiment` reports as "train+eval"). Set OPENBLAS_NUM_THREADS=1 to
measure numpy on one BLAS thread.

--float32-clean runs the same work kept in float32, the strongest numpy baseline: as written,
the assignment's dropout mask ((rand < p) / p) is float64, so the hidden gradient, dW1 (the big
product), Adam's state and from the first update on the weights themselves become float64; and
loss() casts the float64 data to float32 on every call. The flag casts the mask to the net's
dtype and the data once.
"""
import argparse
import json
import os
import sys
import tarfile
import time

import numpy as np

RECORD = 3073


# ---------------------------------------------------------------- data (data_utils.py)

def _records(blob, name):
    if len(blob) % RECORD != 0:
        raise ValueError("%s: %d bytes, not a multiple of %d" % (name, len(blob), RECORD))
    return np.frombuffer(blob, dtype=np.uint8).reshape(-1, RECORD)


def load_cifar10_binary(path):
    """Returns (Xtr uint8 (50000,3072), ytr, Xte uint8 (10000,3072), yte)."""
    names = ["data_batch_%d.bin" % i for i in range(1, 6)] + ["test_batch.bin"]
    blobs = {}
    if os.path.isdir(path):
        folder = path
        if os.path.isdir(os.path.join(path, "cifar-10-batches-bin")):
            folder = os.path.join(path, "cifar-10-batches-bin")
        for n in names:
            with open(os.path.join(folder, n), "rb") as f:
                blobs[n] = f.read()
    else:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                base = os.path.basename(member.name)
                if base in names:
                    blobs[base] = tar.extractfile(member).read()
    train = np.concatenate([_records(blobs[n], n) for n in names[:5]])
    test = _records(blobs[names[5]], names[5])
    return train[:, 1:], train[:, 0].astype(np.int64), test[:, 1:], test[:, 0].astype(np.int64)


def get_cifar10_data(path, num_training=49000, num_validation=1000, num_test=1000):
    Xtr, ytr, Xte, yte = load_cifar10_binary(path)
    # The binary record is already channel-first (R, G, B planes): the layout get_CIFAR10_data
    # ends with after its transpose(0, 3, 1, 2). Pixels as float64, like astype("float").
    mask = list(range(num_training, num_training + num_validation))
    X_val = Xtr[mask].astype(np.float64)
    y_val = ytr[mask]
    mask = list(range(num_training))
    X_train = Xtr[mask].astype(np.float64)
    y_train = ytr[mask]
    mask = list(range(num_test))
    X_test = Xte[mask].astype(np.float64)
    y_test = yte[mask]
    mean_image = np.mean(X_train, axis=0)
    X_train -= mean_image
    X_val -= mean_image
    X_test -= mean_image
    shape = (-1, 3, 32, 32)
    return {"X_train": X_train.reshape(shape), "y_train": y_train,
            "X_val": X_val.reshape(shape), "y_val": y_val,
            "X_test": X_test.reshape(shape), "y_test": y_test}


# ---------------------------------------------------------------- layers.py

def affine_forward(x, w, b):
    out = x.reshape(x.shape[0], -1).dot(w) + b
    return out, (x, w, b)


def affine_backward(dout, cache, input_grad=True):
    x, w, b = cache
    dx = dout.dot(w.T).reshape(x.shape) if input_grad else None
    dw = x.reshape(x.shape[0], -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.maximum(0, x), x


def relu_backward(dout, cache):
    return dout * (cache > 0)


CAST_DROPOUT_OUTPUT = True  # the assignment's out.astype(x.dtype); --dropout-output-float64 turns it off
FLOAT32_CLEAN = False  # --float32-clean: the mask in the net's dtype, the data cast once (no float64 anywhere)
NO_INPUT_GRAD = False  # --no-input-grad: the first layer's backward pass skips dX (nothing uses it)


def dropout_forward(x, dropout_param):
    p, mode = dropout_param["p"], dropout_param["mode"]
    if "seed" in dropout_param:
        np.random.seed(dropout_param["seed"])
    mask = None
    if mode == "train":
        mask = (np.random.rand(*x.shape) < p) / p
        if FLOAT32_CLEAN:
            mask = mask.astype(x.dtype)
        out = x * mask
    else:
        out = x
    if CAST_DROPOUT_OUTPUT:
        out = out.astype(x.dtype, copy=False)
    return out, (dropout_param, mask)


def dropout_backward(dout, cache):
    dropout_param, mask = cache
    if dropout_param["mode"] == "train":
        return dout * mask
    return dout


def softmax_loss(x, y):
    shifted = x - np.max(x, axis=1, keepdims=True)
    Z = np.sum(np.exp(shifted), axis=1, keepdims=True)
    log_probs = shifted - np.log(Z)
    probs = np.exp(log_probs)
    N = x.shape[0]
    loss = -np.sum(log_probs[np.arange(N), y]) / N
    dx = probs.copy()
    dx[np.arange(N), y] -= 1
    dx /= N
    return loss, dx


# ---------------------------------------------------------------- fc_net.py

class FullyConnectedNet:
    def __init__(self, hidden_dims, input_dim=3 * 32 * 32, num_classes=10, dropout=1,
                 reg=0.0, weight_scale=1e-2, dtype=np.float32, seed=None):
        self.use_dropout = dropout != 1
        self.reg = reg
        self.num_layers = 1 + len(hidden_dims)
        self.dtype = dtype
        self.params = {}
        dims = [input_dim] + list(hidden_dims) + [num_classes]
        for i in range(self.num_layers):
            self.params["W%d" % (i + 1)] = weight_scale * np.random.randn(dims[i], dims[i + 1])
            self.params["b%d" % (i + 1)] = np.zeros(dims[i + 1])
        self.dropout_param = {}
        if self.use_dropout:
            self.dropout_param = {"mode": "train", "p": dropout}
            if seed is not None:
                self.dropout_param["seed"] = seed
        for k, v in self.params.items():
            self.params[k] = v.astype(dtype)

    def loss(self, X, y=None):
        X = X.astype(self.dtype, copy=not FLOAT32_CLEAN)
        mode = "test" if y is None else "train"
        if self.use_dropout:
            self.dropout_param["mode"] = mode
        caches = []
        out = X
        for i in range(1, self.num_layers):
            a, fc = affine_forward(out, self.params["W%d" % i], self.params["b%d" % i])
            out, rc = relu_forward(a)
            dc = None
            if self.use_dropout:
                out, dc = dropout_forward(out, self.dropout_param)
            caches.append((fc, rc, dc))
        L = self.num_layers
        scores, last = affine_forward(out, self.params["W%d" % L], self.params["b%d" % L])
        if mode == "test":
            return scores
        loss, dscores = softmax_loss(scores, y)
        grads = {}
        for i in range(1, L + 1):
            loss += 0.5 * self.reg * np.sum(self.params["W%d" % i] ** 2)
        dout, dw, db = affine_backward(dscores, last)
        grads["W%d" % L] = dw + self.reg * self.params["W%d" % L]
        grads["b%d" % L] = db
        for i in range(L - 1, 0, -1):
            fc, rc, dc = caches[i - 1]
            if self.use_dropout:
                dout = dropout_backward(dout, dc)
            dout = relu_backward(dout, rc)
            dout, dw, db = affine_backward(dout, fc, input_grad=not (NO_INPUT_GRAD and i == 1))
            grads["W%d" % i] = dw + self.reg * self.params["W%d" % i]
            grads["b%d" % i] = db
        return loss, grads


# ---------------------------------------------------------------- optim.py

def adam(w, dw, config=None):
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-3)
    config.setdefault("beta1", 0.9)
    config.setdefault("beta2", 0.999)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("m", np.zeros_like(w))
    config.setdefault("v", np.zeros_like(w))
    config.setdefault("t", 0)
    config["t"] += 1
    config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
    config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * (dw ** 2)
    mb = config["m"] / (1 - config["beta1"] ** config["t"])
    vb = config["v"] / (1 - config["beta2"] ** config["t"])
    next_w = w - config["learning_rate"] * mb / (np.sqrt(vb) + config["epsilon"])
    return next_w, config


# ---------------------------------------------------------------- solver.py

class Solver:
    def __init__(self, model, data, num_epochs=10, batch_size=100, optim_config=None,
                 lr_decay=1.0, num_train_samples=1000, num_val_samples=None,
                 print_every=10, verbose=True):
        self.model = model
        self.X_train, self.y_train = data["X_train"], data["y_train"]
        self.X_val, self.y_val = data["X_val"], data["y_val"]
        self.optim_config = optim_config or {}
        self.lr_decay = lr_decay
        self.batch_size = batch_size
        self.num_epochs = num_epochs
        self.num_train_samples = num_train_samples
        self.num_val_samples = num_val_samples
        self.print_every = print_every
        self.verbose = verbose
        self.epoch = 0
        self.best_val_acc = 0
        self.best_params = {}
        self.loss_history, self.train_acc_history, self.val_acc_history = [], [], []
        self.optim_configs = {p: dict(self.optim_config) for p in self.model.params}

    def _step(self):
        num_train = self.X_train.shape[0]
        batch_mask = np.random.choice(num_train, self.batch_size)
        loss, grads = self.model.loss(self.X_train[batch_mask], self.y_train[batch_mask])
        self.loss_history.append(loss)
        for p, w in self.model.params.items():
            next_w, next_config = adam(w, grads[p], self.optim_configs[p])
            self.model.params[p] = next_w
            self.optim_configs[p] = next_config

    def check_accuracy(self, X, y, num_samples=None, batch_size=100):
        N = X.shape[0]
        if num_samples is not None and N > num_samples:
            mask = np.random.choice(N, num_samples)
            N = num_samples
            X, y = X[mask], y[mask]
        num_batches = N // batch_size + (1 if N % batch_size else 0)
        y_pred = []
        for i in range(num_batches):
            scores = self.model.loss(X[i * batch_size:(i + 1) * batch_size])
            y_pred.append(np.argmax(scores, axis=1))
        return np.mean(np.hstack(y_pred) == y)

    def train(self):
        num_train = self.X_train.shape[0]
        iterations_per_epoch = max(num_train // self.batch_size, 1)
        num_iterations = self.num_epochs * iterations_per_epoch
        for t in range(num_iterations):
            self._step()
            if self.verbose and t % self.print_every == 0:
                print("(Iteration %d / %d) loss: %f" % (t + 1, num_iterations, self.loss_history[-1]))
            epoch_end = (t + 1) % iterations_per_epoch == 0
            if epoch_end:
                self.epoch += 1
                for k in self.optim_configs:
                    self.optim_configs[k]["learning_rate"] *= self.lr_decay
            if t == 0 or t == num_iterations - 1 or epoch_end:
                train_acc = self.check_accuracy(self.X_train, self.y_train,
                                                num_samples=self.num_train_samples)
                val_acc = self.check_accuracy(self.X_val, self.y_val,
                                              num_samples=self.num_val_samples)
                self.train_acc_history.append(train_acc)
                self.val_acc_history.append(val_acc)
                if self.verbose:
                    print("(Epoch %d / %d) train acc: %f; val_acc: %f"
                          % (self.epoch, self.num_epochs, train_acc, val_acc))
                if val_acc > self.best_val_acc:
                    self.best_val_acc = val_acc
                    self.best_params = {k: v.copy() for k, v in self.model.params.items()}
        self.model.params = self.best_params


# ---------------------------------------------------------------- the notebook's cell

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="data/", help="CIFAR-10 binary folder or .tar.gz")
    ap.add_argument("--json", help="write the histories and timings here")
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"],
                    help="the nets' dtype (the notebook's FullyConnectedNet default is float32)")
    ap.add_argument("--hidden", type=int, default=500, help="hidden layer size")
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--num-val", type=int, default=1000, help="validation images used (of 1000)")
    ap.add_argument("--dropout-output-float64", action="store_true",
                    help="leave dropout's output in float64 (mask from rand() is float64) instead of casting back")
    ap.add_argument("--float32-clean", action="store_true",
                    help="keep everything in the nets' dtype: the dropout mask cast to it (the assignment's mask "
                         "is float64, which turns the hidden gradients, dW1 and then the weights into float64) "
                         "and the data cast once before training instead of in every loss() call")
    ap.add_argument("--no-input-grad", action="store_true",
                    help="skip the first layer's input gradient dX = dout W1^T (100 x 500 x 3072 per step), which the "
                         "assignment's affine_backward computes and nothing uses; vecnn and PyTorch skip it. With "
                         "--float32-clean: the strongest numpy baseline")
    ap.add_argument("--reseed-each-net", action="store_true",
                    help="call np.random.seed(231) before each net (the notebook seeds once)")
    args = ap.parse_args()
    global CAST_DROPOUT_OUTPUT, FLOAT32_CLEAN, NO_INPUT_GRAD
    NO_INPUT_GRAD = args.no_input_grad
    CAST_DROPOUT_OUTPUT = not args.dropout_output_float64
    FLOAT32_CLEAN = args.float32_clean

    t0 = time.perf_counter()
    data = get_cifar10_data(args.data)
    t_data = time.perf_counter() - t0

    t1 = time.perf_counter()
    c1 = time.process_time()
    np.random.seed(231)
    num_train = 500
    small_data = {
        "X_train": data["X_train"][:num_train],
        "y_train": data["y_train"][:num_train],
        "X_val": data["X_val"][:args.num_val],
        "y_val": data["y_val"][:args.num_val],
    }
    if FLOAT32_CLEAN:
        for k in ("X_train", "X_val"):
            small_data[k] = small_data[k].astype(args.dtype)
    solvers = {}
    dropout_choices = [1, 0.25]
    for dropout in dropout_choices:
        if args.reseed_each_net:
            np.random.seed(231)
        model = FullyConnectedNet([args.hidden], dropout=dropout, dtype=np.dtype(args.dtype).type)
        print(dropout)
        solver = Solver(model, small_data, num_epochs=args.epochs, batch_size=100,
                        optim_config={"learning_rate": 5e-4}, verbose=True, print_every=100)
        solver.train()
        solvers[dropout] = solver
        print()
    t_train = time.perf_counter() - t1
    c_train = time.process_time() - c1

    for dropout in dropout_choices:
        s = solvers[dropout]
        print("keep %.2f: final train %.3f, final val %.3f, best val %.3f"
              % (dropout, s.train_acc_history[-1], s.val_acc_history[-1], s.best_val_acc))
    variant = ("float32-clean" if FLOAT32_CLEAN else "assignment") + (", no dX" if NO_INPUT_GRAD else "")
    print("numpy %s, BLAS threads %s, %s" % (np.__version__, os.environ.get("OPENBLAS_NUM_THREADS", "default"),
                                            variant if FLOAT32_CLEAN or NO_INPUT_GRAD else "as the assignment writes it"))
    print("data load+preprocess: %.2f s" % t_data)
    print("train+eval (both nets): %.2f s (CPU %.2f s)" % (t_train, c_train))
    if args.json:
        out = {"variant": variant, "data_seconds": t_data, "train_eval_seconds": t_train, "train_eval_cpu_seconds": c_train,
               "runs": {str(d): {"loss": [float(v) for v in solvers[d].loss_history],
                                 "train_acc": [float(v) for v in solvers[d].train_acc_history],
                                 "val_acc": [float(v) for v in solvers[d].val_acc_history]}
                        for d in dropout_choices}}
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("experiment_numpy.py: stopped (Ctrl-C)", file=sys.stderr)
        sys.exit(130)
