"""The GADSG / GDSG diffusion training step and sampler network in PyTorch (CPU), for issue 7.

Written from the equations of OffloadLab's Sources/Learning/Graph (EdgeEncoder, NodeEmbedding,
EdgeEmbedding, TimeEmbedding, GatedEdgeLayer, AttentionEdgeLayer, EdgeUpdate, SlotHead) and
Sources/GraphDiffusion (HybridDiffusion, DiffusionSampler), on the same padded dense batches:
slot rows [B, U, S+1, ·] with U = 8 users and S+1 = 3 slots for gs2_gu5_au3. The graphs and
clean targets come from `DiffusionBench --dump` (the same 32 labelled instances as the Swift
side); the noise is drawn with torch's RNG (the benchmark compares time, not bits).

Training step phases (as DiffusionBench): data = noise draws (t, x_t, ε, y_t, encoding);
forward = zero_grad + network + hybrid loss; backward; optimizer = clip_grad_norm_(1) + AdamW
(lr 1e-3, weight decay 0.01, PyTorch's default single-tensor CPU implementation).
Inference: the network part of the 5-step sampler with P = 8 copies per instance: `network` =
the 5 forward passes alone, `sample` = those plus the sampler's posterior draws and DDIM moves.
No decoding or repair (that part is OffloadLab-specific).
Prints one JSON line per measurement; `--expect-gadsg N --expect-gdsg N` assert that the
parameter counts equal OffloadLab's.
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def linear(i, o, bias=True):
    # nn.Linear's default init draws weights and bias in ±1/sqrt(in), as OffloadLab's Linear.
    return nn.Linear(i, o, bias=bias)


class EdgeUpdate(nn.Module):
    """ê ← ReLU(LN(ê)); ê ← ê + W_t·temb; e ← e + Linear₀(SiLU(LN(ê))) with the last map zeroed."""

    def __init__(self, h, tw):
        super().__init__()
        self.norm, self.time, self.out_norm, self.out = nn.LayerNorm(h), linear(tw, h), nn.LayerNorm(h), linear(h, h)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, pre, e, temb):
        timed = F.relu(self.norm(pre)) + self.time(temb)[:, None, None, :]
        return e + self.out(F.silu(self.out_norm(timed)))


class GatedLayer(nn.Module):
    """GDSG: ê = C·e + A·h_s + B·h_u; users ĥ_u = U·h_u + Σ_s flag·σ(ê)⊙V·h_s; servers ĥ_s = U·h_s."""

    def __init__(self, h, tw):
        super().__init__()
        self.U, self.V, self.A, self.B, self.C = (linear(h, h) for _ in range(5))
        self.node_norm = nn.LayerNorm(h)
        self.edge = EdgeUpdate(h, tw)

    def forward(self, hu, hs, e, mask, temb):
        pre = self.C(e) + self.A(hs)[:, None, :, :] + self.B(hu)[:, :, None, :]
        user_sum = (torch.sigmoid(pre) * self.V(hs)[:, None, :, :] * mask).sum(dim=2)
        u_hat = self.U(hu) + user_sum
        s_hat = self.U(hs)
        return hu + F.relu(self.node_norm(u_hat)), hs + F.relu(self.node_norm(s_hat)), self.edge(pre, e, temb)


def masked_softmax(x, mask, dim):
    """Softmax over the real links only: exactly 0 (and 0 gradient) on padded slots, all 0 if none."""
    e = torch.exp(x - x.amax(dim=dim, keepdim=True).detach()) * mask
    return e / e.sum(dim=dim, keepdim=True).clamp_min(1e-30)


class AttentionLayer(nn.Module):
    """GADSG (28)-(34): gate σ(ê), scores a·tanh(ê) times sigmoid(W_g·e), masked softmax both ways,
    per-head gated messages, ĥ = U·h + W_o·h', shared LayerNorm, GDSG's edge update."""

    def __init__(self, h, k, tw):
        super().__init__()
        self.k = k
        self.A, self.B, self.C = linear(h, h), linear(h, h), linear(h, h)
        self.score = linear(h, k, bias=False)
        self.head_gate = linear(h, k)
        self.Vs, self.Vu, self.U, self.Wo = linear(h, h), linear(h, h), linear(h, h), linear(h, h)
        self.node_norm = nn.LayerNorm(h)
        self.edge = EdgeUpdate(h, tw)

    def forward(self, hu, hs, e, mask, temb):
        b, u, s, h = e.shape
        k, d = self.k, h // self.k
        pre = self.C(e) + self.A(hs)[:, None, :, :] + self.B(hu)[:, :, None, :]
        logits = self.score(torch.tanh(pre)) * torch.sigmoid(self.head_gate(e))      # [B, U, S, K]
        to_user_w = masked_softmax(logits, mask, dim=2)
        to_server_w = masked_softmax(logits, mask, dim=1)
        gate = torch.sigmoid(pre)
        to_users = (gate * self.Vs(hs)[:, None, :, :]).view(b, u, s, k, d)
        user_agg = (to_users * to_user_w[..., None]).sum(dim=2).reshape(b, u, h)
        to_servers = (gate * self.Vu(hu)[:, :, None, :]).view(b, u, s, k, d)
        server_agg = (to_servers * to_server_w[..., None]).sum(dim=1).reshape(b, s, h)
        u_hat = self.U(hu) + self.Wo(user_agg)
        s_hat = self.U(hs) + self.Wo(server_agg)
        return hu + F.relu(self.node_norm(u_hat)), hs + F.relu(self.node_norm(s_hat)), self.edge(pre, e, temb)


class SlotHead(nn.Module):
    def __init__(self, h, k):
        super().__init__()
        self.norm, self.hidden, self.out = nn.LayerNorm(h), linear(h, h), linear(h, k)

    def forward(self, x):
        return self.out(F.relu(self.hidden(self.norm(x))))


class Encoder(nn.Module):
    def __init__(self, kind, hidden=64, layers=4, heads=4, edge_inputs=8, node_features=4, output_heads=(2, 1)):
        super().__init__()
        h, tw = hidden, hidden // 2
        self.kind, self.hidden = kind, hidden
        if kind == "gdsg":
            self.table, self.node_proj = nn.Embedding(2, h), linear(h, h)   # h⁰ = W_n·Emb(role) + b
        else:
            self.table, self.node_proj = nn.Embedding(4, h), linear(node_features - 1, h)  # Emb(θ) + W_f·x + b
        self.e1, self.e2 = linear(edge_inputs, h), linear(h, h)            # no nonlinearity between
        self.t1, self.t2 = linear(h, tw), linear(tw, tw)
        self.layers = nn.ModuleList(GatedLayer(h, tw) if kind == "gdsg" else AttentionLayer(h, heads, tw) for _ in range(layers))
        self.heads = nn.ModuleList(SlotHead(h, k) for k in output_heads)

    def nodes(self, feats, is_server):
        b, n, f = feats.shape
        if self.kind == "gdsg":
            role = torch.full((b, n), 1 if is_server else 0, dtype=torch.long)
            return self.node_proj(self.table(role))
        return self.table(feats[..., 0].round().long()) + self.node_proj(feats[..., 1:])

    def time_features(self, t):
        half = self.hidden // 2
        omega = torch.pow(10000.0, -torch.arange(half, dtype=torch.float64) / half).float()
        arg = t[:, None] * omega[None, :]
        sinusoid = torch.cat([torch.sin(arg), torch.cos(arg)], dim=1)
        return F.relu(self.t2(F.relu(self.t1(sinusoid))))

    def forward(self, bits, shares, t, slots, user_nodes, server_nodes):
        edges = torch.cat([torch.stack([bits, shares], dim=3), slots], dim=3)   # [B, U, S, 8]
        mask = slots[..., 0:1]
        temb = self.time_features(t)
        hu, hs, e = self.nodes(user_nodes, False), self.nodes(server_nodes, True), self.e2(self.e1(edges))
        for layer in self.layers:
            hu, hs, e = layer(hu, hs, e, mask, temb)
        return torch.cat([head(e) for head in self.heads], dim=3)


class Schedule:
    """T = 200, β linear 1e-4 → 2e-2; flips of the 'paper' form (flip_t = β_t)."""

    def __init__(self, steps=200, beta_start=1e-4, beta_end=2e-2):
        self.steps = steps
        betas, bars, rhos = [0.0], [1.0], [1.0]
        for t in range(1, steps + 1):
            beta = beta_start + (beta_end - beta_start) * (t - 1) / (steps - 1)
            betas.append(beta)
            bars.append(bars[-1] * (1 - beta))
            rhos.append(rhos[-1] * (1 - 2 * beta))
        self.alpha_bars = torch.tensor(bars, dtype=torch.float64)
        self.rhos = torch.tensor(rhos, dtype=torch.float64)

    def cum_flip(self, t):
        return (1 - self.rhos[t]) / 2

    def inference_times(self, k=5):
        t_max = self.steps
        times = [t_max]
        for i in range(1, k):
            t = t_max - math.floor(math.sin(i * math.pi / (2 * k)) * t_max)
            t = min(max(t, 1), t_max - 1)
            if t < times[-1]:
                times.append(t)
        return times + [0]


def noised(sched, x0, y0):
    """t ~ U{1..T} per row; x_t ~ q(x_t | x₀); ε ~ N(0, 1); y_t = √ᾱ·y₀ + √(1−ᾱ)·ε; x_t encoded (2x−1)(1 + 0.05u)."""
    b = x0.shape[0]
    t = torch.randint(1, sched.steps + 1, (b,))
    flip = sched.cum_flip(t).float()[:, None, None]
    p1 = torch.where(x0 > 0.5, 1 - flip, flip)
    xt = torch.bernoulli(p1)
    eps = torch.randn_like(y0)
    bar = sched.alpha_bars[t].float()[:, None, None]
    yt = bar.sqrt() * y0 + (1 - bar).sqrt() * eps
    encoded = (2 * xt - 1) * (1 + 0.05 * torch.rand_like(xt))
    return t.float(), encoded, yt, eps


def sample(model, sched, graph, times, network_only=False):
    """The 5-step sampler's network part: raw bits in, exact posterior mix, DDIM on the shares."""
    slots, un, sn = graph
    b, u, s = slots.shape[:3]
    x = torch.bernoulli(torch.full((b, u, s), 0.5))
    y = torch.randn(b, u, s)
    for t1, t2 in zip(times, times[1:]):
        out = model(x, y, torch.full((b,), float(t1)), slots, un, sn)
        if network_only:
            continue
        p1 = torch.softmax(out[..., :2], dim=-1)[..., 1].double()
        eps = out[..., 2].double()
        if t2 > 0:
            step_flip = (1 - sched.rhos[t1] / sched.rhos[t2]) / 2
            step1 = torch.where(x > 0.5, 1 - step_flip, step_flip).double()   # q(x_t1 = x | x_t2 = 1)
            def post(x0v):
                c2 = sched.cum_flip(t2) if x0v == 0 else 1 - sched.cum_flip(t2)
                c1 = torch.where(x > 0.5, 1 - sched.cum_flip(t1), sched.cum_flip(t1)) if x0v == 1 else \
                    torch.where(x > 0.5, sched.cum_flip(t1), 1 - sched.cum_flip(t1))
                return step1 * c2 / c1
            mixed = ((1 - p1) * post(0) + p1 * post(1)).clamp(0, 1)
            x = torch.bernoulli(mixed).float()
        else:
            x = p1.clamp(0, 1).float()
        a1, a2 = sched.alpha_bars[t1], sched.alpha_bars[t2]
        y = ((a2 / a1).sqrt() * (y.double() - (1 - a1).sqrt() * eps) + (1 - a2).sqrt() * eps).float()
    return x, y


def swift_name(name):
    """OffloadLab's parameter name (EncoderDenoiser.namedParameters) → this module's state_dict key."""
    name = name.removeprefix("encoder.")
    for a, b in [("nodes.table.table", "table.weight"), ("nodes.projection.", "node_proj."), ("edges.first.", "e1."),
                 ("edges.second.", "e2."), ("time.mlp.0.", "t1."), ("time.mlp.1.", "t2.")]:
        if name.startswith(a):
            name = b + name[len(a):]
    for a, b in [("nodeNorm", "node_norm"), ("headGate", "head_gate"), ("outNorm", "out_norm")]:
        name = name.replace(a, b)
    return name.replace(".gamma", ".weight").replace(".beta", ".bias")


def check(args, slots, user_nodes, server_nodes, x0):
    """Loads OffloadLab's parameters into the twin and compares output, loss terms and gradient norm."""
    c = json.load(open(args.check))
    grid = list(x0.shape)
    bits, shares, eps = (torch.tensor(c[k]).view(grid) for k in ("bits", "shares", "epsilon"))
    t = torch.tensor(c["timesteps"], dtype=torch.float32)
    classes = (x0.reshape(-1) > 0.5).long()
    ok = True
    for name in ["gadsg", "gdsg"]:
        model = Encoder(name)
        state = model.state_dict()
        ref = c[name]
        assert len(ref["parameters"]) == len(state), f"{name}: {len(ref['parameters'])} Swift tensors, {len(state)} PyTorch"
        for swift, v in ref["parameters"].items():
            key = swift_name(swift)
            value = torch.tensor(v["values"]).view(v["shape"])
            if key.endswith(".weight") and value.dim() == 2 and not key.startswith("table"):
                value = value.t()   # OffloadLab's Linear weight is [in, out]
            assert state[key].shape == value.shape, f"{name}: {swift} → {key}: {tuple(value.shape)} vs {tuple(state[key].shape)}"
            state[key] = value
        model.load_state_dict(state)
        out = model(bits, shares, t, slots, user_nodes, server_nodes)
        ce = F.cross_entropy(out[..., :2].reshape(-1, 2), classes)
        mse = (out[..., 2] - eps).square().mean()
        (ce + mse).backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), float("inf")).item()
        diff = (out.detach().reshape(-1) - torch.tensor(ref["output"])).abs().max().item()
        scale = torch.tensor(ref["output"]).abs().max().item()
        rel = [abs(ce.item() - ref["ce"]) / ref["ce"], abs(mse.item() - ref["mse"]) / ref["mse"], abs(norm - ref["grad_norm"]) / ref["grad_norm"]]
        good = diff <= 1e-4 * max(1, scale) and max(rel) < 1e-4
        ok &= good
        print(json.dumps({"check": name, "parameters": sum(q.numel() for q in model.parameters()), "max_abs_output_diff": diff,
                          "output_scale": scale, "ce": [ce.item(), ref["ce"]], "mse": [mse.item(), ref["mse"]],
                          "grad_norm": [norm, ref["grad_norm"]], "ok": good}))
    raise SystemExit(0 if ok else 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="JSON written by DiffusionBench --dump")
    p.add_argument("--check", help="JSON written by DiffusionBench --check: verify the twin computes the same function")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--infer-repeats", type=int, default=5)
    p.add_argument("--model", default="both", choices=["gadsg", "gdsg", "both"])
    p.add_argument("--expect-gadsg", type=int)
    p.add_argument("--expect-gdsg", type=int)
    p.add_argument("--foreach", action="store_true", help="AdamW's multi-tensor path (default: PyTorch's CPU default)")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    d = json.load(open(args.data))
    slots = torch.tensor(d["slots"]).view(d["slots_shape"])
    user_nodes = torch.tensor(d["user_nodes"]).view(d["user_nodes_shape"])
    server_nodes = torch.tensor(d["server_nodes"]).view(d["server_nodes_shape"])
    grid = list(slots.shape[:3])
    x0, y0 = torch.tensor(d["x0"]).view(grid), torch.tensor(d["y0"]).view(grid)
    batch = grid[0]
    if args.check:
        check(args, slots, user_nodes, server_nodes, x0)
    sched = Schedule()
    times = sched.inference_times(5)
    classes = (x0.reshape(-1) > 0.5).long()
    for name in (["gadsg", "gdsg"] if args.model == "both" else [args.model]):
        model = Encoder(name)
        params = sum(q.numel() for q in model.parameters())
        expected = getattr(args, f"expect_{name}")
        assert expected is None or expected == params, f"{name}: PyTorch has {params} parameters, OffloadLab {expected}"
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01, foreach=True if args.foreach else None)
        dat, fwd, bwd, upd, tot, losses = [], [], [], [], [], []
        for step in range(args.warmup + args.steps):
            t0 = time.perf_counter()
            t, enc, yt, eps = noised(sched, x0, y0)
            t1 = time.perf_counter()
            opt.zero_grad(set_to_none=True)
            out = model(enc, yt, t, slots, user_nodes, server_nodes)
            ce = F.cross_entropy(out[..., :2].reshape(-1, 2), classes)
            mse = (out[..., 2] - eps).square().mean()
            loss = ce + mse
            t2 = time.perf_counter()
            loss.backward()
            t3 = time.perf_counter()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            t4 = time.perf_counter()
            losses.append(loss.item())
            if step >= args.warmup:
                dat.append(t1 - t0); fwd.append(t2 - t1); bwd.append(t3 - t2); upd.append(t4 - t3); tot.append(t4 - t0)
        step_ms = statistics.median(tot) * 1e3
        print(json.dumps({
            "framework": "pytorch", "version": torch.__version__, "model": name, "kind": "train", "threads": args.threads,
            "batch": batch, "parameters": params, "steps": args.steps,
            "data_ms": statistics.median(dat) * 1e3, "forward_ms": statistics.median(fwd) * 1e3,
            "backward_ms": statistics.median(bwd) * 1e3, "optimizer_ms": statistics.median(upd) * 1e3,
            "step_ms": step_ms, "foreach": args.foreach, "instances_per_s": batch / (step_ms / 1e3),
            "first_loss": losses[0], "last_loss": losses[-1]}), flush=True)
        for n in [batch, 1]:
            # P = 8 copies per instance, batch row = instance·8 + copy (as InstanceBatch(copies:)).
            graph = tuple(z[:n].repeat_interleave(8, dim=0) for z in (slots, user_nodes, server_nodes))
            samp, net = [], []
            with torch.no_grad():
                for r in range(args.infer_repeats + 1):
                    t0 = time.perf_counter()
                    sample(model, sched, graph, times)
                    t1 = time.perf_counter()
                    sample(model, sched, graph, times, network_only=True)
                    t2 = time.perf_counter()
                    if r > 0:
                        samp.append(t1 - t0); net.append(t2 - t1)
            print(json.dumps({
                "framework": "pytorch", "model": name, "kind": "infer", "threads": args.threads, "instances": n,
                "samples": 8, "sampler_steps": len(times) - 1,
                "sample_ms_per_instance": statistics.median(samp) * 1e3 / n,
                "network_ms_per_instance": statistics.median(net) * 1e3 / n}), flush=True)


if __name__ == "__main__":
    main()
