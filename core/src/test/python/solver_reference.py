#!/usr/bin/env python3
"""Reference run for dev.vecnn.solver.SolverNumpyReferenceTest: the assignment's
FullyConnectedNet (affine - relu - inverted dropout, softmax, L2 reg), Adam and Solver, in plain
numpy (float64), trained on small synthetic data from the global np.random stream.

Writes core/src/test/resources/assign/solver_reference.txt with the data, the loss history, the
train/val accuracy histories and the final (best) parameters.
Run: python3 core/src/test/python/solver_reference.py
"""
import os
import numpy as np


def affine_forward(x, w, b):
    return x.reshape(x.shape[0], -1).dot(w) + b, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = cache
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.maximum(0, x), x


def relu_backward(dout, x):
    return dout * (x > 0)


def dropout_forward(x, dropout_param):
    p, mode = dropout_param['p'], dropout_param['mode']
    if 'seed' in dropout_param:
        np.random.seed(dropout_param['seed'])
    mask = None
    if mode == 'train':
        mask = (np.random.rand(*x.shape) < p) / p
        out = x * mask
    else:
        out = x
    return out, (dropout_param, mask)


def dropout_backward(dout, cache):
    dropout_param, mask = cache
    return dout * mask if dropout_param['mode'] == 'train' else dout


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


class FullyConnectedNet:
    def __init__(self, hidden_dims, input_dim, num_classes, dropout=1, reg=0.0, weight_scale=1e-2,
                 dtype=np.float64, seed=None):
        self.use_dropout = dropout != 1
        self.reg = reg
        self.num_layers = 1 + len(hidden_dims)
        self.params = {}
        dims = [input_dim] + hidden_dims + [num_classes]
        for i in range(self.num_layers):
            self.params['W%d' % (i + 1)] = weight_scale * np.random.randn(dims[i], dims[i + 1])
            self.params['b%d' % (i + 1)] = np.zeros(dims[i + 1])
        self.dropout_param = {}
        if self.use_dropout:
            self.dropout_param = {'mode': 'train', 'p': dropout}
            if seed is not None:
                self.dropout_param['seed'] = seed
        for k, v in self.params.items():
            self.params[k] = v.astype(dtype)

    def loss(self, X, y=None):
        mode = 'test' if y is None else 'train'
        if self.use_dropout:
            self.dropout_param['mode'] = mode
        caches = []
        h = X
        for i in range(1, self.num_layers):
            a, fc = affine_forward(h, self.params['W%d' % i], self.params['b%d' % i])
            h, rc = relu_forward(a)
            dc = None
            if self.use_dropout:
                h, dc = dropout_forward(h, self.dropout_param)
            caches.append((fc, rc, dc))
        L = self.num_layers
        scores, last = affine_forward(h, self.params['W%d' % L], self.params['b%d' % L])
        if mode == 'test':
            return scores
        loss, dscores = softmax_loss(scores, y)
        grads = {}
        for i in range(1, L + 1):
            W = self.params['W%d' % i]
            loss += 0.5 * self.reg * np.sum(W * W)
        dh, dw, db = affine_backward(dscores, last)
        grads['W%d' % L] = dw + self.reg * self.params['W%d' % L]
        grads['b%d' % L] = db
        for i in range(L - 1, 0, -1):
            fc, rc, dc = caches[i - 1]
            if self.use_dropout:
                dh = dropout_backward(dh, dc)
            dh = relu_backward(dh, rc)
            dh, dw, db = affine_backward(dh, fc)
            grads['W%d' % i] = dw + self.reg * self.params['W%d' % i]
            grads['b%d' % i] = db
        return loss, grads


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


class Solver:
    def __init__(self, model, data, **kwargs):
        self.model = model
        self.X_train, self.y_train = data['X_train'], data['y_train']
        self.X_val, self.y_val = data['X_val'], data['y_val']
        self.optim_config = kwargs.pop('optim_config', {})
        self.lr_decay = kwargs.pop('lr_decay', 1.0)
        self.batch_size = kwargs.pop('batch_size', 100)
        self.num_epochs = kwargs.pop('num_epochs', 10)
        self.num_train_samples = kwargs.pop('num_train_samples', 1000)
        self.num_val_samples = kwargs.pop('num_val_samples', None)
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
            X = X[mask]
            y = y[mask]
        num_batches = N // batch_size
        if N % batch_size != 0:
            num_batches += 1
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
            epoch_end = (t + 1) % iterations_per_epoch == 0
            if epoch_end:
                self.epoch += 1
                for k in self.optim_configs:
                    self.optim_configs[k]['learning_rate'] *= self.lr_decay
            if t == 0 or t == num_iterations - 1 or epoch_end:
                train_acc = self.check_accuracy(self.X_train, self.y_train, num_samples=self.num_train_samples)
                val_acc = self.check_accuracy(self.X_val, self.y_val, num_samples=self.num_val_samples)
                self.train_acc_history.append(train_acc)
                self.val_acc_history.append(val_acc)
                if val_acc > self.best_val_acc:
                    self.best_val_acc = val_acc
                    self.best_params = {k: v.copy() for k, v in self.model.params.items()}
        self.model.params = self.best_params


def fmt(a):
    return ' '.join(repr(float(x)) for x in np.asarray(a, dtype=np.float64).ravel())


def main():
    np.random.seed(0)
    D, C = 20, 10
    centres = np.random.randn(C, D)
    y_train = np.random.randint(C, size=120)
    X_train = 0.7 * centres[y_train] + np.random.randn(120, D)
    y_val = np.random.randint(C, size=50)
    X_val = 0.7 * centres[y_val] + np.random.randn(50, D)
    np.random.seed(231)
    model = FullyConnectedNet([40, 30], input_dim=D, num_classes=C, dropout=0.5, reg=0.01, weight_scale=5e-2)
    solver = Solver(model, {'X_train': X_train, 'y_train': y_train, 'X_val': X_val, 'y_val': y_val},
                    num_epochs=6, batch_size=25, lr_decay=0.9, num_train_samples=80, num_val_samples=40,
                    optim_config={'learning_rate': 5e-3})
    solver.train()
    out = ['X_train ' + fmt(X_train), 'y_train ' + fmt(y_train), 'X_val ' + fmt(X_val), 'y_val ' + fmt(y_val),
           'loss_history ' + fmt(solver.loss_history), 'train_acc_history ' + fmt(solver.train_acc_history),
           'val_acc_history ' + fmt(solver.val_acc_history)]
    for k, v in model.params.items():
        out.append('final.%s %s' % (k, fmt(v)))
    path = os.path.join(os.path.dirname(__file__), '..', 'resources', 'assign', 'solver_reference.txt')
    with open(path, 'w') as f:
        f.write('# written by src/test/python/solver_reference.py (numpy %s)\n' % np.__version__)
        f.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
