"""DiffLoader planner, PyTorch twin for timing (issue 18): one training step and one guided plan.

Same architecture and sizes as OffloadLab's PlannerNetwork with PlannerConfiguration's defaults
(D 128, 2 layers, 2 heads, MLP 256, embeddings in -> 256 -> 128, H 4, history 2, prompt 5,
K 20, U = 20: observation 160, action 40), 64 windows per step, Adam. Inputs are random tensors
of the step's shapes (OffloadLab's timing also includes building the batch from episodes).
Prints one JSON line. Usage: python planner_torch.py [--steps N] [--decisions N] [--threads N]
"""
import argparse, json, math, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--steps", type=int, default=20)
p.add_argument("--decisions", type=int, default=10)
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)
O, A, D, H, L, HIST, K, B = 160, 40, 128, 4, 5, 2, 20, 64


def mlp(widths):
    layers = []
    for i, (x, y) in enumerate(zip(widths, widths[1:])):
        layers.append(nn.Linear(x, y))
        if i < len(widths) - 2:
            layers.append(nn.Mish())
    return nn.Sequential(*layers)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.qkv, self.proj = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.fc, self.out = nn.Linear(D, 256), nn.Linear(256, D)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(D, dim=2)
        q, k, v = (z.view(b, t, 2, D // 2).transpose(1, 2) for z in (q, k, v))
        w = q @ k.transpose(-1, -2) / math.sqrt(D // 2)
        w = w.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
        w = self.drop(w.softmax(-1))
        x = x + self.drop(self.proj((w @ v).transpose(1, 2).reshape(b, t, D)))
        return x + self.drop(self.out(F.mish(self.fc(self.ln2(x)))))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.step, self.ret = mlp([D, 2 * D, D]), mlp([1, D, 2 * D, D])
        self.pn, self.pm = nn.LayerNorm(O + A), mlp([O + A, 256, D])
        self.sn, self.sm = nn.LayerNorm(O), mlp([O, 256, D])
        self.act, self.pos, self.ln = nn.Linear(A, D), nn.Parameter(torch.zeros(2 + L + HIST + H, D)), nn.LayerNorm(D)
        self.drop, self.blocks, self.lnf, self.head = nn.Dropout(0.1), nn.ModuleList([Block(), Block()]), nn.LayerNorm(D), nn.Linear(D, A)
        half = D // 2
        self.register_buffer("freq", torch.exp(torch.arange(half) * -(math.log(10000) / (half - 1))))

    def forward(self, x, k, r, keep, prompt, hist):
        e = k.float()[:, None] * self.freq[None]
        t = self.step(torch.cat([e.sin(), e.cos()], -1))
        v = self.ret(r[:, None]) * keep[:, None] + 1e-8
        tok = torch.cat([t[:, None], v[:, None], self.pm(self.pn(prompt)), self.sm(self.sn(hist)), self.act(x)], 1)
        h = self.drop(self.ln(t[:, None] * tok + v[:, None] + self.pos))
        for blk in self.blocks:
            h = blk(h)
        return self.head(self.lnf(h)[:, -H:])


net = Net()
opt = torch.optim.Adam(net.parameters(), lr=2e-4)
weights = torch.ones(H, 1)
weights[0] = 10
times, cpu = [], []
for i in range(a.steps + 3):
    x0, eps = torch.rand(B, H, A) * 2 - 1, torch.randn(B, H, A)
    k = torch.randint(0, K, (B,))
    prompt, hist, r, keep = torch.randn(B, L, O + A), torch.randn(B, HIST, O), torch.randn(B), (torch.rand(B) < 0.8).float()
    start, cpu_start = time.perf_counter(), time.thread_time()
    net.train()
    pred = net(x0 * 0.7 + eps * 0.7, k, r, keep, prompt, hist)
    loss = (F.huber_loss(pred, eps, reduction="none", delta=1.0) * weights).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if i >= 3:
        times.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - cpu_start)
step_ms = statistics.median(times) * 1e3

# VP schedule and DDPM posterior, as VPSchedule computes them.
j = torch.arange(1, K + 1, dtype=torch.float64)
betas = 1 - torch.exp(-0.1 / K - 0.5 * 9.9 * (2 * j - 1) / K ** 2)
bars = torch.cumprod(1 - betas, 0)
prev = torch.cat([torch.ones(1, dtype=torch.float64), bars[:-1]])
c1, c2 = (betas * prev.sqrt() / (1 - bars)).float(), ((1 - prev) * (1 - betas).sqrt() / (1 - bars)).float()
sigma = torch.exp(0.5 * torch.log((betas * (1 - prev) / (1 - bars)).clamp(min=1e-20))).float()
r1, r2 = (1 / bars).sqrt().float(), (1 / bars - 1).sqrt().float()
net.eval()
plans, plan_cpu = [], []
with torch.no_grad():
    hist, prompt = torch.zeros(2, HIST, O), torch.randn(2, L, O + A)
    for i in range(a.decisions + 1):
        start, cpu_start = time.perf_counter(), time.thread_time()
        x = torch.randn(1, H, A)
        for s in reversed(range(K)):
            e = net(x.repeat(2, 1, 1), torch.full((2,), s), torch.ones(2), torch.tensor([1.0, 0.0]), prompt, hist)
            e = e[1:] + 1.2 * (e[:1] - e[1:])
            x0 = (r1[s] * x - r2[s] * e).clamp(-1, 1)
            x = c1[s] * x0 + c2[s] * x + (0.5 * sigma[s] * torch.randn_like(x) if s > 0 else 0)
        if i >= 1:
            plans.append(time.perf_counter() - start)
            plan_cpu.append(time.thread_time() - cpu_start)
print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": a.threads,
                  "parameters": sum(p.numel() for p in net.parameters()), "step_ms": step_ms,
                  "step_cpu_ms": statistics.median(cpu) * 1e3, "plan_ms": statistics.median(plans) * 1e3,
                  "plan_cpu_ms": statistics.median(plan_cpu) * 1e3}))
