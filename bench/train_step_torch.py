#!/usr/bin/env python3
"""The TrainStepBench step in PyTorch (CPU): 3072 -> 500 -> 10, batch 100, dropout keeping 25%
(torch's p = 0.75 is the DROP probability), float32, Adam lr 5e-4. Skips politely without torch.
Run: python3 bench/train_step_torch.py [steps]
"""
import sys
import time

try:
    import torch
except ImportError:
    print('PyTorch is not installed: skipping the torch comparison (pip install torch, or apt install python3-torch)')
    sys.exit(0)


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    torch.manual_seed(231)
    model = torch.nn.Sequential(torch.nn.Linear(3072, 500), torch.nn.ReLU(), torch.nn.Dropout(p=0.75),
                                torch.nn.Linear(500, 10))
    with torch.no_grad():
        for m in model:
            if isinstance(m, torch.nn.Linear):
                m.weight.normal_(0, 1e-2)
                m.bias.zero_()
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)
    X = torch.randn(100, 3072) * 60
    y = torch.randint(0, 10, (100,))
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(3):
        step()
    times = []
    c0 = time.process_time()
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    cpu = (time.process_time() - c0) * 1e3 / steps
    times.sort()
    print('torch %s train step (3072-500-10, batch 100, keep 0.25, adam, %d threads): median %.2f ms, mean %.2f ms over %d steps; CPU %.2f ms per step'
          % (torch.__version__, torch.get_num_threads(), times[len(times) // 2], sum(times) / len(times), steps, cpu))


if __name__ == '__main__':
    main()
