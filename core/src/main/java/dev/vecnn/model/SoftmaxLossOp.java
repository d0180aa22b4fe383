package dev.vecnn.model;

/**
 * The mean softmax cross-entropy of the scores slot against the workspace's labels (training
 * only; a test-mode forward stops at the scores). The loss kernel writes the gradient of the
 * scores as it goes, so backward has nothing left to do.
 */
record SoftmaxLossOp(int slot) implements Op {
    @Override
    public void forward(Workspace ws) {
        if (!ws.training()) return;
        ws.dataLoss(Flat.softmaxLoss(ws.rows(), ws.width(slot), ws.act(slot), ws.labels(), ws.grad(slot)));
    }

    @Override
    public void backward(Workspace ws) {
        // dscores was written by forward
    }
}
