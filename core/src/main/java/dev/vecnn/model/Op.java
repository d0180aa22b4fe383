package dev.vecnn.model;

/**
 * One step of a compiled net ({@link NetPlan}): it reads and writes the activation and
 * gradient buffers of its slots in a {@link Workspace}. Forward runs in plan order, backward in
 * reverse; {@link Workspace#training} says which mode a forward is in. Ops hold their
 * parameters (live tensors for a net, private copies for an inference model), never buffers, so
 * one plan serves any number of workspaces.
 */
interface Op {
    void forward(Workspace ws);

    /** Only after a training forward on the same workspace. */
    void backward(Workspace ws);
}
