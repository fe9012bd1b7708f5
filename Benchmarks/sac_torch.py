"""One SAC update in PyTorch (CPU), written as rlkit's SACTrainer.train_from_torch does it.

With --check DIR (written by `SACBench --export DIR`) it loads OffloadLab's initial parameters,
replays OffloadLab's three batches with OffloadLab's noise, and compares the losses and the
parameters after the three updates. Then it times updates on random batches like SACBench's and
prints one JSON line: {"framework": "pytorch", "update_ms": median, ...}.
"""
import argparse
import json
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Normal

OBS, ACT = 160, 40


class Actor(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.fc0, self.fc1 = nn.Linear(OBS, hidden), nn.Linear(hidden, hidden)
        self.mean, self.logStd = nn.Linear(hidden, ACT), nn.Linear(hidden, ACT)

    def forward(self, obs, eps):
        h = F.relu(self.fc1(F.relu(self.fc0(obs))))
        mean, log_std = self.mean(h), torch.clamp(self.logStd(h), -20, 2)
        std = torch.exp(log_std)
        z = mean + std * (eps if eps is not None else torch.randn_like(mean))
        action = torch.tanh(z)
        log_prob = (Normal(mean, std).log_prob(z) - torch.log(1 - action * action + 1e-6)).sum(dim=1, keepdim=True)
        return action, log_prob


class Critic(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.fc0, self.fc1, self.out = nn.Linear(OBS + ACT, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, 1)

    def forward(self, obs, act):
        return self.out(F.relu(self.fc1(F.relu(self.fc0(torch.cat([obs, act], dim=1))))))


class SAC:
    def __init__(self, hidden):
        self.actor, self.q1, self.q2, self.t1, self.t2 = Actor(hidden), Critic(hidden), Critic(hidden), Critic(hidden), Critic(hidden)
        self.log_alpha = torch.zeros(1, requires_grad=True)
        self.target_entropy = -float(ACT)
        self.opt_pi = torch.optim.Adam(self.actor.parameters(), lr=3e-4)
        self.opt_q1 = torch.optim.Adam(self.q1.parameters(), lr=3e-4)
        self.opt_q2 = torch.optim.Adam(self.q2.parameters(), lr=3e-4)
        self.opt_alpha = torch.optim.Adam([self.log_alpha], lr=3e-4)

    def networks(self):
        return [("actor", self.actor), ("critic1", self.q1), ("critic2", self.q2), ("target1", self.t1), ("target2", self.t2)]

    def update(self, obs, act, rew, nxt, done, eps=None, eps_next=None):
        new_act, log_pi = self.actor(obs, eps)
        alpha_loss = -(self.log_alpha * (log_pi + self.target_entropy).detach()).mean()
        self.opt_alpha.zero_grad()
        alpha_loss.backward()
        self.opt_alpha.step()
        alpha = self.log_alpha.exp()
        q_new = torch.min(self.q1(obs, new_act), self.q2(obs, new_act))
        policy_loss = (alpha * log_pi - q_new).mean()
        q1_pred, q2_pred = self.q1(obs, act), self.q2(obs, act)
        next_act, next_log_pi = self.actor(nxt, eps_next)
        target_q = torch.min(self.t1(nxt, next_act), self.t2(nxt, next_act)) - alpha * next_log_pi
        q_target = rew + (1. - done) * 0.99 * target_q
        q1_loss, q2_loss = F.mse_loss(q1_pred, q_target.detach()), F.mse_loss(q2_pred, q_target.detach())
        self.opt_pi.zero_grad()
        policy_loss.backward()
        self.opt_pi.step()
        self.opt_q1.zero_grad()
        q1_loss.backward()
        self.opt_q1.step()
        self.opt_q2.zero_grad()
        q2_loss.backward()
        self.opt_q2.step()
        with torch.no_grad():
            for t, s in ((self.t1, self.q1), (self.t2, self.q2)):
                for tp, sp in zip(t.parameters(), s.parameters()):
                    tp.data.copy_(tp.data * (1.0 - 5e-3) + sp.data * 5e-3)
        return dict(q1=q1_loss.item(), q2=q2_loss.item(), policy=policy_loss.item(), alpha=alpha.item(), alpha_loss=alpha_loss.item())


def read_floats(path):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=torch.float32)


def load_parameters(sac, flat, manifest):
    """OffloadLab stores Linear weights as [in, out]; PyTorch as [out, in]."""
    offset = 0
    with torch.no_grad():
        for entry in manifest["parameters"]:
            net, layer, kind = entry["name"].split(".")
            n = 1
            for d in entry["shape"]:
                n *= d
            values = flat[offset:offset + n].view(entry["shape"])
            offset += n
            module = getattr(dict(sac.networks())[net], layer)
            (module.weight if kind == "weight" else module.bias).copy_(values.t() if kind == "weight" else values)
        sac.log_alpha.copy_(flat[offset:offset + 1])
    return offset + 1


def flat_parameters(sac):
    parts = []
    for _, module in sac.networks():
        for layer in module.children():
            parts += [layer.weight.detach().t().reshape(-1), layer.bias.detach().reshape(-1)]
    return torch.cat(parts + [sac.log_alpha.detach().reshape(-1)])


def check(directory, hidden, batch):
    manifest = json.load(open(os.path.join(directory, "manifest.json")))
    assert manifest["hidden"] == hidden and manifest["batch"] == batch
    sac = SAC(hidden)
    load_parameters(sac, read_floats(os.path.join(directory, "initial.bin")), manifest)
    batches, noise = read_floats(os.path.join(directory, "batches.bin")), read_floats(os.path.join(directory, "noise.bin"))
    sizes = [batch * OBS, batch * ACT, batch, batch * OBS, batch]
    shapes = [(batch, OBS), (batch, ACT), (batch, 1), (batch, OBS), (batch, 1)]
    b_off = n_off = 0
    worst_metric = 0.0
    for step in range(manifest["updates"]):
        parts = []
        for size, shape in zip(sizes, shapes):
            parts.append(batches[b_off:b_off + size].view(shape))
            b_off += size
        eps, eps_next = noise[n_off:n_off + batch * ACT].view(batch, ACT), noise[n_off + batch * ACT:n_off + 2 * batch * ACT].view(batch, ACT)
        n_off += 2 * batch * ACT
        ours = sac.update(*parts, eps=eps, eps_next=eps_next)
        theirs = manifest["metrics"][step]
        for key, value in ours.items():
            worst_metric = max(worst_metric, abs(value - theirs[key]) / max(1.0, abs(value)))
    after = read_floats(os.path.join(directory, "after.bin"))
    diff = (flat_parameters(sac) - after).abs()
    return dict(metric_rel_diff=worst_metric, param_max_abs_diff=diff.max().item(), param_frac_above_1e5=(diff > 1e-5).float().mean().item())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--check")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    result = dict(framework="pytorch", hidden=args.hidden, batch=args.batch)
    if args.check:
        result.update(check(args.check, args.hidden, args.batch))
    sac = SAC(args.hidden)
    n = args.batch
    batches = []
    for _ in range(4):
        done = (torch.rand(n, 1) < 0.1).float()
        reward = (torch.rand(n, 1) < 0.1).float() * (torch.rand(n, 1) * 50 - 10)
        batches.append((torch.rand(n, OBS), torch.rand(n, ACT) * 1.98 - 0.99, reward, torch.rand(n, OBS), done))
    times = []
    for i in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        sac.update(*batches[i % 4])
        if i >= args.warmup:
            times.append((time.perf_counter() - t0) * 1e3)
    result.update(update_ms=round(statistics.median(times), 3), min_ms=round(min(times), 3))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
