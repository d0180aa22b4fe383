#!/usr/bin/env python3
"""Reference values for dev.vecnn.optim.OptimTest: the assignment's optim.py update rules
(sgd, sgd_momentum, rmsprop, adam) applied with numpy to the FullyConnectedNets notebook's
linspace test case, in float64 and float32 (numpy 2 / NEP 50: Python float scalars keep
float32 arrays float32).

Writes core/src/test/resources/assign/optim_reference.txt: one line per array, "key v0 v1 ...".
Run: python3 core/src/test/python/optim_reference.py
"""
import os
import numpy as np


def sgd(w, dw, config):
    config.setdefault('learning_rate', 1e-2)
    w -= config['learning_rate'] * dw
    return w, config


def sgd_momentum(w, dw, config):
    config.setdefault('learning_rate', 1e-2)
    config.setdefault('momentum', 0.9)
    v = config.get('velocity', np.zeros_like(w))
    v = config['momentum'] * v - config['learning_rate'] * dw
    next_w = w + v
    config['velocity'] = v
    return next_w, config


def rmsprop(w, dw, config):
    config.setdefault('learning_rate', 1e-2)
    config.setdefault('decay_rate', 0.99)
    config.setdefault('epsilon', 1e-8)
    config.setdefault('cache', np.zeros_like(w))
    config['cache'] = config['decay_rate'] * config['cache'] + (1 - config['decay_rate']) * dw ** 2
    next_w = w - config['learning_rate'] * dw / (np.sqrt(config['cache']) + config['epsilon'])
    return next_w, config


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


def fmt(a):
    return ' '.join(repr(float(x)) for x in np.asarray(a, dtype=np.float64).ravel())


def main():
    out = []
    N, D = 4, 5
    for dtype in (np.float64, np.float32):
        tag = np.dtype(dtype).name
        lin = lambda a, b: np.linspace(a, b, num=N * D).reshape(N, D).astype(dtype)
        w, dw = lin(-0.4, 0.6), lin(-0.6, 0.4)
        out.append(f'{tag}.w {fmt(w)}')
        out.append(f'{tag}.dw {fmt(dw)}')
        out.append(f'{tag}.lin_0.6_0.9 {fmt(lin(0.6, 0.9))}')
        out.append(f'{tag}.lin_0.7_0.5 {fmt(lin(0.7, 0.5))}')
        nw, _ = sgd(w.copy(), dw, {'learning_rate': 1e-3})
        out.append(f'{tag}.sgd.next_w {fmt(nw)}')
        nw, c = sgd_momentum(w.copy(), dw, {'learning_rate': 1e-3, 'velocity': lin(0.6, 0.9)})
        out.append(f'{tag}.sgd_momentum.next_w {fmt(nw)}')
        out.append(f'{tag}.sgd_momentum.velocity {fmt(c["velocity"])}')
        nw, c = rmsprop(w.copy(), dw, {'learning_rate': 1e-2, 'cache': lin(0.6, 0.9)})
        out.append(f'{tag}.rmsprop.next_w {fmt(nw)}')
        out.append(f'{tag}.rmsprop.cache {fmt(c["cache"])}')
        nw, c = adam(w.copy(), dw, {'learning_rate': 1e-2, 'm': lin(0.6, 0.9), 'v': lin(0.7, 0.5), 't': 5})
        out.append(f'{tag}.adam.next_w {fmt(nw)}')
        out.append(f'{tag}.adam.m {fmt(c["m"])}')
        out.append(f'{tag}.adam.v {fmt(c["v"])}')
        # ten adam steps from zero state with default hyperparameters
        w2 = w.copy()
        c = {}
        for _ in range(10):
            w2, c = adam(w2, dw, c)
        out.append(f'{tag}.adam10.next_w {fmt(w2)}')
        assert w2.dtype == dtype
    path = os.path.join(os.path.dirname(__file__), '..', 'resources', 'assign', 'optim_reference.txt')
    with open(path, 'w') as f:
        f.write('# written by src/test/python/optim_reference.py (numpy %s)\n' % np.__version__)
        f.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
