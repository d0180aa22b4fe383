#!/usr/bin/env python3
"""ONNX graphs made by other tools, and ONNX Runtime's scores on them, for dev.vecnn.infer.OnnxImportTest.

  torch_mlp_bn.onnx        torch.onnx.export (TorchScript exporter, opset 17, batch dimension "N") of
                           Flatten - Linear(3072, 32) - BatchNorm1d(32) - ReLU - Dropout(0.5) -
                           Linear(32, 10) in eval mode, running statistics from five train-mode
                           passes over random batches: Flatten of the (N, 3, 32, 32) input, Gemm with
                           transB = 1, BatchNormalization, Relu (the exporter drops Dropout in eval)
  torch_mlp_bn_dynamo.onnx the same module through torch.onnx.export(dynamo=True), when onnxscript is
                           installed (its graph: whatever that exporter emits; the test reads it if present)
  sklearn_mlp.onnx         the graph skl2onnx emits for a fitted MLPClassifier's probabilities, built
                           with onnx.helper (skl2onnx does not install here): MatMul + Add per layer,
                           Relu, Softmax, initializers in typed fields (float_data), 20 -> 16 -> 8 -> 3,
                           weights from scikit-learn's MLPClassifier fitted on a synthetic data set
  gemm_reshape_ln.onnx     onnx.helper: a fixed (1, 3, 32, 32) input, Reshape to [1, 3072] by a
                           Constant node, Gemm with transB = 1, alpha = 0.5, beta = 2, a bias C of
                           shape (1, 8), LayerNormalization (epsilon 1e-3), Relu, Identity,
                           Dropout, Gemm, Softmax (opset 17)

Beside each <name>.onnx: <name>_x.npy (float32 inputs, 4 rows, in the graph's input shape) and
<name>_ort.npy (ONNX Runtime's output on them, float32). The script asserts ONNX Runtime agrees with
the source framework (torch's own forward, scikit-learn's predict_proba) to 1e-5.

Run (needs torch, onnx, onnxruntime; scikit-learn optional, onnxscript for the dynamo file):
  python3 core/src/test/python/onnx_fixtures.py   # rewrites core/src/test/resources/dev/vecnn/infer/onnx/
"""
import os
import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "vecnn", "infer", "onnx")
rng = np.random.default_rng(23)


def save(name, x, ort_out):
    np.save(os.path.join(OUT, name + "_x.npy"), x.astype(np.float32))
    np.save(os.path.join(OUT, name + "_ort.npy"), ort_out.astype(np.float32))


def run_ort(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: x})[0]


def close(a, b, what):
    err = np.max(np.abs(a - b)) / max(np.max(np.abs(a)), 1e-30)
    assert err < 1e-5, f"{what}: ONNX Runtime and the source differ by {err}"
    print(f"{what}: ONNX Runtime vs source, max error relative to the largest output {err:.2e}")


def torch_fixtures():
    import torch
    torch.manual_seed(0)

    class MLP(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.flat = torch.nn.Flatten()
            self.fc1 = torch.nn.Linear(3072, 32)
            self.bn = torch.nn.BatchNorm1d(32)
            self.relu = torch.nn.ReLU()
            self.drop = torch.nn.Dropout(0.5)
            self.fc2 = torch.nn.Linear(32, 10)

        def forward(self, x):
            return self.fc2(self.drop(self.relu(self.bn(self.fc1(self.flat(x))))))

    m = MLP()
    m.train()
    with torch.no_grad():
        for _ in range(5):
            m(torch.randn(64, 3, 32, 32) * 2 + 0.5)
    m.eval()
    x = rng.standard_normal((4, 3, 32, 32)).astype(np.float32) * 50
    with torch.no_grad():
        expected = m(torch.from_numpy(x)).numpy()
    path = os.path.join(OUT, "torch_mlp_bn.onnx")
    torch.onnx.export(m, (torch.from_numpy(x),), path, dynamo=False, opset_version=17, input_names=["x"],
                      output_names=["scores"], dynamic_axes={"x": {0: "N"}, "scores": {0: "N"}})
    out = run_ort(path, x)
    close(expected, out, "torch_mlp_bn")
    save("torch_mlp_bn", x, out)
    try:
        import onnxscript  # noqa: F401
    except ImportError:
        print("onnxscript not installed: torch_mlp_bn_dynamo.onnx not made")
        return
    path = os.path.join(OUT, "torch_mlp_bn_dynamo.onnx")
    batch = torch.export.Dim("N", min=1)
    torch.onnx.export(m, (torch.from_numpy(x),), path, dynamo=True, input_names=["x"], output_names=["scores"],
                      dynamic_shapes=({0: batch},), external_data=False)
    out = run_ort(path, x)
    close(expected, out, "torch_mlp_bn_dynamo")
    save("torch_mlp_bn_dynamo", x, out)


def sklearn_fixture():
    dims = [20, 16, 8, 3]
    x_train = rng.standard_normal((300, 20)).astype(np.float32)
    y_train = (x_train[:, 0] + x_train[:, 1] * x_train[:, 2] > 0).astype(int) + (x_train[:, 3] > 1).astype(int)
    try:
        from sklearn.neural_network import MLPClassifier
        clf = MLPClassifier(hidden_layer_sizes=(16, 8), max_iter=300, random_state=0).fit(x_train, y_train)
        coefs = [c.astype(np.float32) for c in clf.coefs_]
        biases = [b.astype(np.float32) for b in clf.intercepts_]
    except ImportError:
        clf = None
        coefs = [rng.standard_normal((dims[k], dims[k + 1])).astype(np.float32) / 4 for k in range(3)]
        biases = [rng.standard_normal(dims[k + 1]).astype(np.float32) / 10 for k in range(3)]
    nodes, inits = [], []
    cur = "float_input"
    for k in range(3):
        inits.append(helper.make_tensor(f"coefficient{k}", TensorProto.FLOAT, coefs[k].shape, coefs[k].flatten().tolist()))
        inits.append(helper.make_tensor(f"intercepts{k}", TensorProto.FLOAT, (1, dims[k + 1]), biases[k].tolist()))
        nodes.append(helper.make_node("MatMul", [cur, f"coefficient{k}"], [f"mul_result{k}"], name=f"MatMul{k}"))
        nodes.append(helper.make_node("Add", [f"mul_result{k}", f"intercepts{k}"], [f"add_result{k}"], name=f"Add{k}"))
        cur = f"add_result{k}"
        if k < 2:
            nodes.append(helper.make_node("Relu", [cur], [f"next_activations{k}"], name=f"Relu{k}"))
            cur = f"next_activations{k}"
    nodes.append(helper.make_node("Softmax", [cur], ["probabilities"], name="Softmax", axis=1))
    graph = helper.make_graph(nodes, "mlp_classifier", [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, 20])],
                              [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 3])], inits)
    model = helper.make_model(graph, producer_name="skl2onnx-shaped", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = os.path.join(OUT, "sklearn_mlp.onnx")
    onnx.save(model, path)
    x = rng.standard_normal((4, 20)).astype(np.float32)
    out = run_ort(path, x)
    if clf is not None:
        close(clf.predict_proba(x), out, "sklearn_mlp")
    save("sklearn_mlp", x, out)


def gemm_fixture():
    w1 = (rng.standard_normal((8, 3072)) / 40).astype(np.float32)    # (out, in): transB = 1
    c1 = rng.standard_normal((1, 8)).astype(np.float32) / 10
    g = (1 + rng.standard_normal(8) / 5).astype(np.float32)
    b = (rng.standard_normal(8) / 5).astype(np.float32)
    w2 = (rng.standard_normal((8, 5)) / 3).astype(np.float32)
    b2 = (rng.standard_normal(5) / 10).astype(np.float32)
    nodes = [
        helper.make_node("Constant", [], ["shape"], value=numpy_helper.from_array(np.array([1, 3072], np.int64), "shape")),
        helper.make_node("Reshape", ["image", "shape"], ["rows"], name="flatten"),
        helper.make_node("Gemm", ["rows", "w1", "c1"], ["h1"], name="fc1", transB=1, alpha=0.5, beta=2.0),
        helper.make_node("LayerNormalization", ["h1", "gamma", "beta"], ["n1"], name="ln1", axis=-1, epsilon=1e-3),
        helper.make_node("Relu", ["n1"], ["r1"], name="relu1"),
        helper.make_node("Identity", ["r1"], ["i1"], name="identity"),
        helper.make_node("Dropout", ["i1"], ["d1"], name="dropout"),
        helper.make_node("Gemm", ["d1", "w2", "b2"], ["logits"], name="fc2"),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=-1),
    ]
    inits = [numpy_helper.from_array(a, n) for a, n in [(w1, "w1"), (c1, "c1"), (g, "gamma"), (b, "beta"), (w2, "w2"), (b2, "b2")]]
    graph = helper.make_graph(nodes, "gemm_reshape_ln", [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, 32, 32])],
                              [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 5])], inits)
    model = helper.make_model(graph, producer_name="onnx.helper", opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = os.path.join(OUT, "gemm_reshape_ln.onnx")
    onnx.save(model, path)
    xs = rng.standard_normal((4, 1, 3, 32, 32)).astype(np.float32) * 30
    out = np.concatenate([run_ort(path, xi) for xi in xs])
    # the same graph in numpy, float64
    h = 0.5 * xs.reshape(4, 3072).astype(np.float64) @ w1.T.astype(np.float64) + 2.0 * c1
    mu, var = h.mean(1, keepdims=True), h.var(1, keepdims=True)
    h = np.maximum((h - mu) / np.sqrt(var + np.float32(1e-3)) * g + b, 0) @ w2 + b2
    e = np.exp(h - h.max(1, keepdims=True))
    close(e / e.sum(1, keepdims=True), out, "gemm_reshape_ln")
    save("gemm_reshape_ln", xs.reshape(4, 3, 32, 32), out)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch_fixtures()
    sklearn_fixture()
    gemm_fixture()
