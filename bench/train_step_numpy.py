#!/usr/bin/env python3
"""One training step of the dropout notebook's net in numpy, next to bench's TrainStepBench:
3072 -> 500 -> 10, batch 100, keep probability 0.25, float32 parameters and input, Adam (lr 5e-4).

The step is the assignment's code path (fc_net.py loss with affine_relu_forward, dropout_forward,
affine_forward, softmax_loss and their backward passes, then optim.adam on every parameter),
written out inline. Note that numpy promotes the dropout mask ((rand < p) / p is float64) and so
the hidden activations to float64, as the assignment does.

Prints the median and mean milliseconds per step over repeated runs.
Run: python3 bench/train_step_numpy.py [steps]
"""
import sys
import time
import numpy as np


def make(seed=231):
    np.random.seed(seed)
    params = {
        'W1': (1e-2 * np.random.randn(3072, 500)).astype(np.float32),
        'b1': np.zeros(500, dtype=np.float32),
        'W2': (1e-2 * np.random.randn(500, 10)).astype(np.float32),
        'b2': np.zeros(10, dtype=np.float32),
    }
    rs = np.random.RandomState(1)
    X = (rs.randn(100, 3072) * 60).astype(np.float32)
    y = rs.randint(10, size=100)
    configs = {k: {'learning_rate': 5e-4} for k in params}
    return params, X, y, configs


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


def step(params, X, y, configs, p=0.25):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    X = X.astype(np.float32)
    # affine_relu_forward
    a = X.reshape(X.shape[0], -1).dot(W1) + b1
    h = np.maximum(0, a)
    # dropout_forward (inverted, train)
    mask = (np.random.rand(*h.shape) < p) / p
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
    # relu_backward + affine_backward (layer 1; dx computed as the assignment does)
    da = dh * (a > 0)
    dW1 = X.reshape(N, -1).T.dot(da)
    db1 = np.sum(da, axis=0)
    dX = da.dot(W1.T)
    grads = {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}
    for k in params:
        params[k], configs[k] = adam(params[k], grads[k], configs[k])
    return loss


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    params, X, y, configs = make()
    for _ in range(3):
        step(params, X, y, configs)
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step(params, X, y, configs)
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    print('numpy %s train step (3072-500-10, batch 100, keep 0.25, adam): median %.2f ms, mean %.2f ms over %d steps'
          % (np.__version__, times[len(times) // 2], sum(times) / len(times), steps))


if __name__ == '__main__':
    main()
