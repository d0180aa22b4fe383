#!/usr/bin/env python3
"""One training step of the dropout notebook's net in numpy, next to bench's TrainStepBench:
3072 -> 500 -> 10, batch 100, keep probability 0.25, float32 parameters and input, Adam (lr 5e-4),
without normalization or with batchnorm / layernorm between the affine layer and the ReLU.

The step is the assignment's code path (fc_net.py loss with affine_[norm_]relu_forward,
dropout_forward, affine_forward, softmax_loss and their backward passes, then optim.adam on every
parameter), written out inline. Two flavours:
  assignment  as the assignment writes it: the dropout mask ((rand < p) / p) is float64, so numpy
              promotes the hidden activations and everything after them to float64;
  f32-clean   the same step kept in float32 (mask cast to float32);
  f32-clean, no dX  also without the input gradient dX = da W1^T, which the assignment's
              affine_backward computes for the first layer and nobody uses (100 x 500 x 3072:
              a third of the step's arithmetic; vecnn skips it): the strongest numpy baseline.

Prints the median and mean milliseconds per step over repeated runs, one line per flavour.
Run: python3 bench/train_step_numpy.py [steps] [--norm none|batchnorm|layernorm] [--isa native|avx2|avx]
(--isa: numpy on the OpenBLAS kernel of that ISA, bench/isa.sh; default: the machine's own.)
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import isa_switch  # noqa: E402

_args = sys.argv[1:]
ISA = isa_switch.take(_args, __file__)  # before numpy loads OpenBLAS
sys.argv[1:] = _args
import numpy as np  # noqa: E402

EPS = 1e-5


def make(norm, seed=231):
    np.random.seed(seed)
    params = {
        'W1': (1e-2 * np.random.randn(3072, 500)).astype(np.float32),
        'b1': np.zeros(500, dtype=np.float32),
    }
    if norm != 'none':
        params['gamma1'] = np.ones(500, dtype=np.float32)
        params['beta1'] = np.zeros(500, dtype=np.float32)
    params['W2'] = (1e-2 * np.random.randn(500, 10)).astype(np.float32)
    params['b2'] = np.zeros(10, dtype=np.float32)
    rs = np.random.RandomState(1)
    X = (rs.randn(100, 3072) * 60).astype(np.float32)
    y = rs.randint(10, size=100)
    configs = {k: {'learning_rate': 5e-4} for k in params}
    bn_param = {'running_mean': np.zeros(500, dtype=np.float32), 'running_var': np.zeros(500, dtype=np.float32)}
    return params, X, y, configs, bn_param


def adam(w, dw, config):
    config.setdefault('learning_rate', 1e-3)
    config.setdefault('beta1', 0.9)
    config.setdefault('beta2', 0.999)
    config.setdefault('epsilon', 1e-8)
    config.setdefault('m', np.zeros_like(w))
    config.setdefault('v', np.zeros_like(w))
    config.setdefault('t', 0)
    config['t'] += 1
    config['m'] = config['beta1'] * config['m'] + (1 - config['beta1']) * dw
    mt = config['m'] / (1 - config['beta1'] ** config['t'])
    config['v'] = config['beta2'] * config['v'] + (1 - config['beta2']) * (dw ** 2)
    vt = config['v'] / (1 - config['beta2'] ** config['t'])
    next_w = w - config['learning_rate'] * mt / (np.sqrt(vt) + config['epsilon'])
    return next_w, config


def norm_forward(a, gamma, beta, norm, bn_param, momentum=0.9):
    """batchnorm_forward (train) or layernorm_forward: statistics over the batch or the features."""
    axis = 0 if norm == 'batchnorm' else 1
    mean = a.mean(axis=axis, keepdims=True)
    var = a.var(axis=axis, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + EPS)
    x_hat = (a - mean) * inv_std
    if norm == 'batchnorm':
        bn_param['running_mean'] = momentum * bn_param['running_mean'] + (1 - momentum) * mean[0]
        bn_param['running_var'] = momentum * bn_param['running_var'] + (1 - momentum) * var[0]
    return gamma * x_hat + beta, (x_hat, inv_std, gamma, axis)


def norm_backward(dout, cache):
    """batchnorm_backward_alt / layernorm_backward: the simplified closed form."""
    x_hat, inv_std, gamma, axis = cache
    dgamma = np.sum(dout * x_hat, axis=0)
    dbeta = np.sum(dout, axis=0)
    g = dout * gamma
    k = g.shape[axis]
    dx = inv_std / k * (k * g - g.sum(axis=axis, keepdims=True) - x_hat * (g * x_hat).sum(axis=axis, keepdims=True))
    return dx, dgamma, dbeta


def step(params, X, y, configs, bn_param, norm, clean, p=0.25, input_grad=True):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    X = X.astype(np.float32)
    # affine_[norm_]relu_forward
    a = X.reshape(X.shape[0], -1).dot(W1) + b1
    z, norm_cache = (a, None) if norm == 'none' else norm_forward(a, params['gamma1'], params['beta1'], norm, bn_param)
    h = np.maximum(0, z)
    # dropout_forward (inverted, train)
    mask = (np.random.rand(*h.shape) < p) / p
    if clean:
        mask = mask.astype(np.float32)
    hd = h * mask
    # affine_forward
    scores = hd.reshape(hd.shape[0], -1).dot(W2) + b2
    # softmax_loss
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    Z = np.sum(np.exp(shifted), axis=1, keepdims=True)
    log_probs = shifted - np.log(Z)
    probs = np.exp(log_probs)
    N = scores.shape[0]
    loss = -np.sum(log_probs[np.arange(N), y]) / N
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    # affine_backward (layer 2)
    dW2 = hd.reshape(N, -1).T.dot(dscores)
    db2 = np.sum(dscores, axis=0)
    dhd = dscores.dot(W2.T)
    # dropout_backward
    dh = dhd * mask
    # relu_backward, [norm_backward,] affine_backward (layer 1; dx computed as the assignment does)
    da = dh * (z > 0)
    grads = {}
    if norm != 'none':
        da, grads['gamma1'], grads['beta1'] = norm_backward(da, norm_cache)
    dW1 = X.reshape(N, -1).T.dot(da)
    db1 = np.sum(da, axis=0)
    if input_grad:
        dX = da.dot(W1.T)  # noqa: F841 (the assignment computes it; unused)
    grads.update({'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2})
    for k in params:
        params[k], configs[k] = adam(params[k], grads[k], configs[k])
    return loss


def measure(steps, norm, clean, input_grad=True):
    params, X, y, configs, bn_param = make(norm)
    for _ in range(3):
        step(params, X, y, configs, bn_param, norm, clean, input_grad=input_grad)
    times = []
    c0 = time.process_time()
    for _ in range(steps):
        t0 = time.perf_counter()
        step(params, X, y, configs, bn_param, norm, clean, input_grad=input_grad)
        times.append((time.perf_counter() - t0) * 1e3)
    cpu = (time.process_time() - c0) * 1e3 / steps
    times.sort()
    return times[len(times) // 2], sum(times) / len(times), cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="--isa native|avx2|avx: numpy on the OpenBLAS kernel of that ISA (bench/isa.sh)")
    ap.add_argument("steps", nargs="?", type=int, default=30, help="timed steps per variant (default: 30)")
    ap.add_argument("--norm", default="none", choices=["none", "batchnorm", "layernorm"],
                    help="normalization between the affine layer and the ReLU (default: none)")
    args = ap.parse_args(sys.argv[1:])
    if args.steps < 1:
        ap.error("steps must be >= 1, got %d" % args.steps)
    norm, steps = args.norm, args.steps
    print('ISA: %s (OPENBLAS_CORETYPE=%s; numpy loops off: %s)' % (
        ISA, os.environ.get('OPENBLAS_CORETYPE', 'unset: the CPU\'s own'), os.environ.get('NPY_DISABLE_CPU_FEATURES', 'none')))
    for name, clean, input_grad in (('assignment', False, True), ('f32-clean', True, True), ('f32-clean, no dX', True, False)):
        median, mean, cpu = measure(steps, norm, clean, input_grad)
        print('numpy %s train step (3072-500-10, %s, batch 100, keep 0.25, adam, %s): median %.2f ms, mean %.2f ms over %d steps; CPU %.2f ms per step'
              % (np.__version__, norm, name, median, mean, steps, cpu))


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        print('train_step_numpy.py: stopped (Ctrl-C)', file=sys.stderr)
        sys.exit(130)
