"""The benchmark GNN training step in PyTorch (CPU), identical in structure to OffloadBench.

Graph: graphs x nodes nodes, every node receives exactly `degree` edges from distinct other
nodes of its graph, edges sorted by destination; so the softmax over a node's incoming edges is
a softmax over dim 1 of [N, degree, heads] and aggregation is a sum over that dim.
Prints one JSON line with median milliseconds per phase.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.a, self.b, self.c = nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d)
        self.edge_norm = nn.LayerNorm(d)
        self.attention = nn.Linear(d, heads)
        self.value = nn.Linear(d, d)
        self.update = nn.Linear(d, d)
        self.node_norm = nn.LayerNorm(d)


class EdgeGNN(nn.Module):
    def __init__(self, d, layers, heads):
        super().__init__()
        self.d, self.heads = d, heads
        self.layers = nn.ModuleList(Layer(d, heads) for _ in range(layers))
        self.head1, self.head2 = nn.Linear(d, d), nn.Linear(d, 1)

    def forward(self, h, e, src, dst, degree):
        n, d, heads = h.shape[0], self.d, self.heads
        for l in self.layers:
            e_hat = l.a(e) + l.b(h).index_select(0, src) + l.c(h).index_select(0, dst)
            e = e + F.relu(l.edge_norm(e_hat))
            att = torch.softmax(l.attention(e).view(n, degree, heads), dim=1)
            message = torch.sigmoid(e) * l.value(h).index_select(0, src)
            weighted = message.view(n, degree, heads, d // heads) * att.view(n, degree, heads, 1)
            aggregate = weighted.sum(dim=1).reshape(n, d)
            h = h + F.relu(l.node_norm(l.update(h) + aggregate))
        return self.head2(F.relu(self.head1(e)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    graphs, nodes, degree, d, layers, heads = 32, 40, 8, 128, 6, 8
    src, dst = [], []
    g = torch.Generator().manual_seed(42)
    for gi in range(graphs):
        for v in range(nodes):
            others = [u for u in range(nodes) if u != v]
            perm = torch.randperm(len(others), generator=g)[:degree]
            for i in perm.tolist():
                src.append(gi * nodes + others[i])
                dst.append(gi * nodes + v)
    src, dst = torch.tensor(src), torch.tensor(dst)
    h = torch.randn(graphs * nodes, d)
    e = torch.randn(len(src), d)
    targets = (torch.rand(len(src), 1) < 0.3).float()
    model = EdgeGNN(d, layers, heads)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    fwd, bwd, upd, tot, losses = [], [], [], [], []
    for step in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = F.binary_cross_entropy_with_logits(model(h, e, src, dst, degree), targets)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        t3 = time.perf_counter()
        losses.append(loss.item())
        if step >= args.warmup:
            fwd.append(t1 - t0); bwd.append(t2 - t1); upd.append(t3 - t2); tot.append(t3 - t0)
    params = sum(p.numel() for p in model.parameters())
    print(json.dumps({
        "framework": "pytorch", "version": torch.__version__, "threads": args.threads, "parameters": params,
        "steps": args.steps, "forward_ms": statistics.median(fwd) * 1e3, "backward_ms": statistics.median(bwd) * 1e3,
        "optimizer_ms": statistics.median(upd) * 1e3, "step_ms": statistics.median(tot) * 1e3,
        "first_loss": losses[0], "last_loss": losses[-1],
    }))


if __name__ == "__main__":
    main()
