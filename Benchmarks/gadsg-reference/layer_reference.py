#!/usr/bin/env python3
"""Independent NumPy forward pass of one GADSG attention layer and one GDSG gated layer.

Written from the equations (docs/gadsg.md §3.3 for GDSG, §7.6 eqs. 28-34 with the §7.9
resolutions 16-19 as adopted in §9.2 for GADSG), not from the Swift code. Run once to write
`goldens.json` next to this file: random inputs and parameters (seeded), and the layer outputs
in float64. The Swift test `LayerGoldenTests` loads the parameters into its layers and compares
their outputs to these within 1e-5.

Usage (NumPy from a virtual environment; the tests never need Python):
    python3 -m venv /tmp/np && /tmp/np/bin/pip install numpy
    /tmp/np/bin/python Benchmarks/gadsg-reference/layer_reference.py
"""
import json
import os

import numpy as np

B, U, S, H, K, T = 2, 3, 3, 8, 2, 4  # batch, users, server slots, hidden, heads, time width
D = H // K
EPS = 1e-5
# Link flags: instance 1's user 1 has no link at all (its attention weights must all be 0).
FLAGS = np.array([[[1, 1, 0], [1, 0, 1], [1, 0, 0]],
                  [[1, 0, 1], [0, 0, 0], [1, 0, 0]]], dtype=np.float64)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def layer_norm(x, gamma, beta):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * gamma + beta


def relu(x):
    return np.maximum(x, 0.0)


def linear(p, name, x):
    """y = x·W + b with W stored [in, out]."""
    y = x @ p[name + ".weight"]
    return y + p[name + ".bias"] if name + ".bias" in p else y


def edge_update(p, pre, e, time):
    """GDSG's edge wiring around (34): ReLU(LN(ê)) + W_t·time, then e + Out(·), Out = LN → SiLU → Linear."""
    a = relu(layer_norm(pre, p["edge.norm.gamma"], p["edge.norm.beta"]))
    a = a + linear(p, "edge.time", time)[:, None, None, :]
    o = layer_norm(a, p["edge.outNorm.gamma"], p["edge.outNorm.beta"])
    return e + linear(p, "edge.out", o * sigmoid(o))


def pre_activation(p, hu, hs, e):
    """(28) / §3.3: ê_us = A·h_s + B·h_u + C·e_us."""
    return linear(p, "A", hs)[:, None, :, :] + linear(p, "B", hu)[:, :, None, :] + linear(p, "C", e)


def masked_softmax(logits, mask, axis):
    """(31) with resolution 16: padded links get weight exactly 0; no link at all gives all zeros."""
    z = np.where(mask > 0, logits, -np.inf)
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    w = np.where(mask > 0, np.exp(z - m), 0.0)
    total = w.sum(axis=axis, keepdims=True)
    return np.where(total > 0, w / np.where(total > 0, total, 1.0), 0.0)


def gadsg_layer(p, hu, hs, e, time):
    pre = pre_activation(p, hu, hs, e)                           # (28) pre-activation
    sigma = sigmoid(pre) * FLAGS[..., None]                      # (28) gate σ_us
    score = np.tanh(pre) @ p["score.weight"]                     # (29) a^(k)·tanh(ê_us), [B,U,S,K]
    gate = sigmoid(linear(p, "headGate", e))                     # (30) g^(k)_us = σ(W_g^(k)·e_us)
    logits = score * gate                                        # (31) exponent s·g
    mask = FLAGS[..., None]
    alpha_u = masked_softmax(logits, mask, axis=2)               # (31) over u's links
    alpha_s = masked_softmax(logits, mask, axis=1)               # resolution 17: servers over their users
    to_user = sigma * linear(p, "Vs", hs)[:, None, :, :]         # (32) m_us = σ_us ⊙ V_s·h_s
    to_server = sigma * linear(p, "Vu", hu)[:, :, None, :]       #      m_su = σ_us ⊙ V_u·h_u
    agg_u = np.zeros((B, U, H))
    agg_s = np.zeros((B, S, H))
    for k in range(K):                                           # (32) concat over heads of width d
        c = slice(k * D, (k + 1) * D)
        agg_u[..., c] = (alpha_u[..., k:k + 1] * to_user[..., c]).sum(axis=2)
        agg_s[..., c] = (alpha_s[..., k:k + 1] * to_server[..., c]).sum(axis=1)
    g, b = p["nodeNorm.gamma"], p["nodeNorm.beta"]               # (33) h ← h + ReLU(LN(U·h + W_o·h'))
    hu2 = hu + relu(layer_norm(linear(p, "U", hu) + linear(p, "Wo", agg_u), g, b))
    hs2 = hs + relu(layer_norm(linear(p, "U", hs) + linear(p, "Wo", agg_s), g, b))
    return hu2, hs2, edge_update(p, pre, e, time)                # (34) with GDSG's wiring


def gdsg_layer(p, hu, hs, e, time):
    pre = pre_activation(p, hu, hs, e)
    gate = sigmoid(pre) * FLAGS[..., None]                       # g_us = σ(ê_us) ⊙ flag
    hu_hat = linear(p, "U", hu) + (gate * linear(p, "V", hs)[:, None, :, :]).sum(axis=2)
    hs_hat = linear(p, "U", hs)                                  # servers never aggregate (§3.3 quirk)
    g, b = p["nodeNorm.gamma"], p["nodeNorm.beta"]
    return hu + relu(layer_norm(hu_hat, g, b)), hs + relu(layer_norm(hs_hat, g, b)), edge_update(p, pre, e, time)


def parameters(rng, square, extra):
    p = {}
    for name in square:
        p[name + ".weight"] = rng.uniform(-0.6, 0.6, (H, H))
        p[name + ".bias"] = rng.uniform(-0.3, 0.3, H)
    for name, shape in extra.items():
        p[name] = rng.uniform(-0.6, 0.6, shape)
    for norm in ["nodeNorm", "edge.norm", "edge.outNorm"]:
        p[norm + ".gamma"] = rng.uniform(0.5, 1.5, H)
        p[norm + ".beta"] = rng.uniform(-0.3, 0.3, H)
    p["edge.time.weight"] = rng.uniform(-0.6, 0.6, (T, H))
    p["edge.time.bias"] = rng.uniform(-0.3, 0.3, H)
    p["edge.out.weight"] = rng.uniform(-0.6, 0.6, (H, H))  # nonzero, so the out-layer is exercised
    p["edge.out.bias"] = rng.uniform(-0.3, 0.3, H)
    return p


def case(name, layer, p, rng):
    hu = rng.normal(size=(B, U, H))
    hs = rng.normal(size=(B, S, H))
    e = rng.normal(size=(B, U, S, H))
    time = relu(rng.normal(size=(B, T)))
    ou, os_, oe = layer(p, hu, hs, e, time)

    def t(x):
        return {"shape": list(x.shape), "values": [round(float(v), 9) for v in np.ravel(x)]}
    return {"layer": name, "hidden": H, "heads": K, "time_width": T,
            "parameters": {k: t(np.asarray(v)) for k, v in sorted(p.items())},
            "inputs": {"users": t(hu), "servers": t(hs), "edges": t(e), "time": t(time), "flags": t(FLAGS)},
            "outputs": {"users": t(ou), "servers": t(os_), "edges": t(oe)}}


def main():
    rng = np.random.default_rng(20261201)
    attention = parameters(rng, ["A", "B", "C", "Vs", "Vu", "U", "Wo"],
                           {"score.weight": (H, K), "headGate.weight": (H, K), "headGate.bias": (K,)})
    gated = parameters(rng, ["U", "V", "A", "B", "C"], {})
    goldens = [case("gadsg-attention", gadsg_layer, attention, rng), case("gdsg-gated", gdsg_layer, gated, rng)]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens.json")
    with open(path, "w") as f:
        json.dump({"generator": "Benchmarks/gadsg-reference/layer_reference.py", "numpy": np.__version__, "cases": goldens},
                  f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
