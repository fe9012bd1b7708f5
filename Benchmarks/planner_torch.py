"""DiffLoader planner, PyTorch twin of OffloadLab's PlannerNetwork (issue 18): one training step
(64 windows) and one guided sampling call (K steps x 2 network rows), with the parameters,
batch and noise OffloadLab wrote (`PlannerBench twin DIR`: safetensors, Linear weights
[in, out], so layers compute x @ W + b).

  --check DIR: the step's loss and gradient norm (dropout off on both sides, the masks coming
               from different generators) and the sampling call's plan must agree with
               OffloadLab's (swift.safetensors) to 1e-5 relative, or the script exits 1;
  --time DIR:  times --steps training steps (forward with dropout, backward, Adam, the moving
               average) and sampling calls; prints one JSON line of medians (wall and process-CPU ms).
Float32 throughout; the schedule's coefficients in float64 as OffloadLab's VPSchedule computes them.
"""
import argparse, json, math, statistics, sys, time
import torch
import torch.nn.functional as F
from safetensors.torch import load_file, safe_open

p = argparse.ArgumentParser()
p.add_argument("--check", metavar="DIR")
p.add_argument("--time", metavar="DIR")
p.add_argument("--threads", type=int, default=1)
p.add_argument("--steps", type=int, default=20)
a = p.parse_args()
torch.set_num_threads(a.threads)
directory = a.check or a.time
P = {k: v.requires_grad_(True) for k, v in load_file(f"{directory}/params.safetensors").items()}
I = load_file(f"{directory}/inputs.safetensors")
with safe_open(f"{directory}/inputs.safetensors", "pt") as f:
    meta = f.metadata()
HEADS, H, K = int(meta["heads"]), int(meta["horizon"]), int(meta["steps"])
f32 = lambda x: torch.tensor(float(x), dtype=torch.float32)
DELTA, DROPOUT, GUIDANCE, NOISE_SCALE = f32(meta["huber_delta"]), float(meta["dropout"]), f32(meta["guidance"]), f32(meta["noise_scale"])
BETAS, BARS, PREV = ([float(x) for x in meta[k].split(",")] for k in ("betas", "alpha_bars", "previous_alpha_bars"))
EMBED, ROW_WEIGHTS = I["step_embedding"], I["row_weights"].view(H, 1)
CAUSAL = {}
BLOCKS = len({k.split(".")[2] for k in P if k.startswith("transformer.blocks.")})


def layers(prefix):
    return len([k for k in P if k.startswith(prefix + ".") and k.endswith(".weight")])


def lin(name, x):
    return x @ P[name + ".weight"] + P[name + ".bias"]


def mlp(prefix, x):
    n = layers(prefix)
    for i in range(n):
        x = lin(f"{prefix}.{i}", x)
        if i < n - 1:
            x = F.mish(x)
    return x


def ln(prefix, x):
    return F.layer_norm(x, (x.shape[-1],), P[prefix + ".gamma"], P[prefix + ".beta"], 1e-5)


def network(noisy, steps, prompts, history, returns, keep, training):
    """PlannerNetwork.callAsFunction: [B, H, A] predicted noise."""
    drop = lambda x: F.dropout(x, DROPOUT, training) if training else x
    step = mlp("stepMLP", EMBED[steps])
    value = mlp("returnMLP", returns[:, None]) * keep[:, None] + 1e-8
    tokens = torch.cat([step[:, None], value[:, None], mlp("promptMLP", ln("promptNorm", prompts)),
                        mlp("stateMLP", ln("stateNorm", history)), lin("actionEmbedding", noisy)], 1)
    b, t, d = tokens.shape
    h = drop(ln("tokenNorm", tokens * step[:, None] + value[:, None] + P["positions.table"][:t]))
    if t not in CAUSAL:
        CAUSAL[t] = torch.ones(t, t, dtype=torch.bool).triu(1)
    w = d // HEADS
    for blk in range(BLOCKS):
        name = f"transformer.blocks.{blk}"
        q, k, v = (z.reshape(b, t, HEADS, w).permute(0, 2, 1, 3) for z in lin(name + ".attention.qkv", ln(name + ".norm1", h)).split(d, 2))
        probabilities = drop(((q @ k.transpose(-1, -2)) * (1 / math.sqrt(w))).masked_fill(CAUSAL[t], float("-inf")).softmax(-1))
        h = h + drop(lin(name + ".attention.projection", (probabilities @ v).permute(0, 2, 1, 3).reshape(b, t, d)))
        h = h + drop(lin(name + ".contract", F.mish(lin(name + ".expand", ln(name + ".norm2", h)))))
    return lin("head", ln("transformer.finalNorm", h)[:, -H:])


def loss_of(prediction, target):
    """Loss.rowWeightedHuber: 0.5 q^2 + (|e| - q) delta with q = min(|e|, delta), weighted per row, mean."""
    e = (prediction - target).abs()
    q = e.clamp(max=DELTA)
    return ((q.square() * 0.5 + (e - q) * DELTA) * ROW_WEIGHTS).mean()


def step_batch(training):
    return network(I["noisy"], I["steps"].long(), I["prompts"], I["history"], I["returns"], I["keep"], training)


def plan(start, prompts, noise):
    """DiffusionPlanner.plan with the draws given: guided ε, x̂0 clipped, posterior mean + σ·z."""
    history = I["plan.history"].expand(2, -1, -1)
    rtg = torch.full((2,), float(meta["return_to_go"]))
    keep = torch.tensor([1.0, 0.0])
    x = start
    with torch.no_grad():
        for index, i in enumerate(range(K - 1, -1, -1)):
            eps = network(x[None].expand(2, -1, -1), torch.tensor([i, i]), prompts[index], history, rtg, keep, False)
            e = eps[1] + GUIDANCE * (eps[0] - eps[1])
            x0 = (math.sqrt(1 / BARS[i]) * x.double() - math.sqrt(1 / BARS[i] - 1) * e.double()).clamp(-1, 1).float()
            c1 = BETAS[i] * math.sqrt(PREV[i]) / (1 - BARS[i])
            c2 = (1 - PREV[i]) * math.sqrt(1 - BETAS[i]) / (1 - BARS[i])
            mean = (c1 * x0.double() + c2 * x.double()).float()
            sigma = f32(math.exp(0.5 * math.log(max(BETAS[i] * (1 - PREV[i]) / (1 - BARS[i]), 1e-20)))) * NOISE_SCALE
            x = mean + sigma * noise[index] if i > 0 else mean
    return x


if a.check:
    swift = load_file(f"{directory}/swift.safetensors")
    loss = loss_of(step_batch(False), I["noise"])
    loss.backward()
    grad_norm = math.sqrt(sum((v.grad.double() ** 2).sum().item() for v in P.values() if v.grad is not None))
    swift_norm = math.sqrt(sum((v.double() ** 2).sum().item() for k, v in swift.items() if k.startswith("grad.")))
    x = plan(I["plan.start"], I["plan.prompts"], I["plan.noise"])
    rows = [("training loss", swift["loss"].item(), loss.item()), ("gradient norm", swift_norm, grad_norm),
            ("plan |x| (guided sampling, K steps)", swift["plan"].double().norm().item(), x.double().norm().item())]
    failed = False
    for name, s, t in rows:
        rel = abs(s - t) / max(abs(s), abs(t), 1e-30)
        failed |= not rel <= 1e-5
        print(f"{name:38s} OffloadLab {s: .9g}  PyTorch {t: .9g}  relative difference {rel:.2e}{'' if rel <= 1e-5 else '  FAIL (> 1e-5)'}")
    grads = max(((P[k[5:]].grad - v).abs().max().item(), k) for k, v in swift.items() if k.startswith("grad."))
    print(f"largest |difference| of a gradient entry: {grads[0]:.2e} ({grads[1]}); of a plan entry: {(x - swift['plan']).abs().max().item():.2e}")
    if failed:
        print("OffloadLab and PyTorch DISAGREE", file=sys.stderr)
        sys.exit(1)
    print("OffloadLab and PyTorch agree to 1e-5 relative")
else:
    torch.manual_seed(0)
    params = list(P.values())
    average = [v.detach().clone() for v in params]
    opt = torch.optim.Adam(params, lr=float(meta["learning_rate"]), eps=1e-8)
    every, warmup, decay = int(meta["ema_every"]), int(meta["ema_warmup"]), float(meta["ema_decay"])
    steps, steps_cpu = [], []
    for i in range(a.steps + 3):
        start, cpu_start = time.perf_counter(), time.process_time()
        loss_of(step_batch(True), I["noise"]).backward()
        opt.step()
        opt.zero_grad()
        if i % every == 0:  # ExponentialMovingAverage.update: a copy during warm-up, then a soft update
            with torch.no_grad():
                for m, v in zip(average, params):
                    m.copy_(v) if i < warmup else m.mul_(decay).add_((1 - decay) * v)
        if i >= 3:
            steps.append(time.perf_counter() - start)
            steps_cpu.append(time.process_time() - cpu_start)
    plans, plans_cpu = [], []
    shape = I["plan.start"].shape
    for i in range(max(a.steps // 2, 5) + 1):
        start, cpu_start = time.perf_counter(), time.process_time()
        plan(torch.randn(shape), I["plan.prompts"], torch.randn(K, *shape))
        if i >= 1:
            plans.append(time.perf_counter() - start)
            plans_cpu.append(time.process_time() - cpu_start)
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": a.threads,
                      "step_ms": statistics.median(steps) * 1e3, "step_cpu_ms": statistics.median(steps_cpu) * 1e3,
                      "plan_ms": statistics.median(plans) * 1e3, "plan_cpu_ms": statistics.median(plans_cpu) * 1e3}))
