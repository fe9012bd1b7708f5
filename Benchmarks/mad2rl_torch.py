"""MAD2RL, PyTorch twin of one OffloadLab update (issue 17): critic + QMIX mixer + diffusion actor
through the K-step chain + soft target updates, batch 64, M = 10, K = 5, widths 64, mixer 32.

Reads what `MARLBench twin DIR` wrote (safetensors: parameters, one batch, both chains' noise,
the schedule; Linear weights are [in, out], so layers compute x @ W + b), then
  --check DIR: runs the update once and compares with OffloadLab's result (swift.safetensors):
               both losses and both gradient norms must agree to 1e-5 relative (exit 1 otherwise);
  --time DIR:  times --updates updates on the same batch (fresh noise each) and prints one JSON
               line, median wall and process-CPU ms per update, with --threads intra-op threads.
Float32 throughout, as OffloadLab computes. Importable: `actor_logits` with `chain_from_architecture`
runs an actor exported by `lab cache export KEY:OUTPUT -o model.safetensors` (docs/exports.md).
"""
import argparse, json, math, statistics, sys, time
import torch
import torch.nn.functional as F
from safetensors.torch import load_file, safe_open


def chain_from_architecture(actor):
    """The reverse chain's constants of an actor configuration (the `actor` object of an exported
    vehicular.model's `architecture` metadata), computed as DiffusionActorSchedule and
    timestepEmbedding do: coefficients in float64, rounded to float32."""
    k, lo, hi = actor["steps"], actor["betaMin"], actor["betaMax"]
    betas = [1 - math.exp(-lo / k - 0.5 * (hi - lo) * (2 * j - 1) / (k * k)) for j in range(1, k + 1)]
    bars, bar = [], 1.0
    for b in betas:
        bar *= 1 - b
        bars.append(bar)
    prev = [1.0] + bars[:-1]
    f = lambda xs: torch.tensor(xs, dtype=torch.float32)
    d = actor["stepEmbedding"]
    half = d // 2
    omega = f([10000 ** (-j / half) for j in range(half)])
    t = torch.arange(k, dtype=torch.float32)[:, None] * omega[None]
    return {"K": k, "r1": f([1 / math.sqrt(x) for x in bars]), "r2": f([math.sqrt(1 / x - 1) for x in bars]),
            "c1": f([b * math.sqrt(p) / (1 - x) for b, p, x in zip(betas, prev, bars)]),
            "c2": f([(1 - p) * math.sqrt(1 - b) / (1 - x) for b, p, x in zip(betas, prev, bars)]),
            "sigma": f([math.sqrt(max(b * (1 - p) / (1 - x), 1e-20)) for b, p, x in zip(betas, prev, bars)]),
            "embed": torch.cat([t.double().sin().float(), t.double().cos().float()], 1), "temperature": f(actor["temperature"])}


def chain_from_inputs(inputs, meta):
    """The reverse chain's constants as `MARLBench twin` wrote them."""
    return {"K": int(meta["steps"]), "r1": inputs["start_from_sample"], "r2": inputs["start_from_noise"], "c1": inputs["mean_from_start"],
            "c2": inputs["mean_from_sample"], "sigma": inputs["sigma"], "embed": inputs["step_embedding"],
            "temperature": torch.tensor(float(meta["temperature"]), dtype=torch.float32)}

def net(prefix):
    """The parameters under `prefix.` as leaf tensors requiring gradients."""
    return {k[len(prefix) + 1:]: v.clone().requires_grad_(True) for k, v in params.items() if k.startswith(prefix + ".")}


def linear(w, name, x):
    return torch.addmm(w[name + ".bias"], x, w[name + ".weight"]) if x.dim() == 2 else x @ w[name + ".weight"] + w[name + ".bias"]


def mlp_relu(w, x):  # OffloadLab's MLP: layers named 0 … n-1, ReLU between them
    n = len([k for k in w if k.endswith(".weight")])
    for i in range(n):
        x = linear(w, str(i), x)
        if i < n - 1:
            x = x.relu()
    return x


def actor_logits(w, obs, noise, chain):
    """The reverse chain of DiffusionActor.sample with the injected noise held fixed, / temperature.

    `w`: the actor's parameters by path (without the `actor.` prefix); `obs` [N, O]; `noise`:
    {"start": x_K [N, A], 1 … K-1: the draws added after those steps}; `chain`: its constants."""
    K, R1, R2, C1, C2, SIGMA, EMBED = (chain[k] for k in ("K", "r1", "r2", "c1", "c2", "sigma", "embed"))
    h_dim = w["observationOut.weight"].shape[1]
    a_dim = noise["start"].shape[1]
    feats = linear(w, "observationOut", F.mish(linear(w, "observationIn", obs)))
    w0 = w["trunk.0.weight"]
    w_obs, w_x, w_k = w0[:h_dim], w0[h_dim:h_dim + a_dim], w0[h_dim + a_dim:]
    projected = torch.addmm(w["trunk.0.bias"], feats, w_obs)
    steps = linear(w, "stepOut", F.mish(linear(w, "stepIn", EMBED))) @ w_k  # [K, H]
    x = noise["start"]
    for k in range(K - 1, -1, -1):
        hidden = projected + x @ w_x + steps[k]
        eps = linear(w, "trunk.2", F.mish(linear(w, "trunk.1", F.mish(hidden))))
        start = (x * R1[k] - eps * R2[k]).clamp(-1, 1)
        if k == 0:
            x = start
            break
        x = start * C1[k] + x * C2[k] + noise[k] * SIGMA[k]
    return x * (1 / chain["temperature"])


def masked_softmax(logits, mask):
    return logits.masked_fill(mask == 0, float("-inf")).softmax(-1)


def entropy(logits, mask):
    masked = logits.masked_fill(mask == 0, float("-inf"))
    p, logp = masked.softmax(-1), masked.log_softmax(-1).masked_fill(mask == 0, 0)
    return -(p * logp).sum(-1)


def mixer_weights(w, state):
    b = state.shape[0]
    return (linear(w, "hyperW1", state).abs().view(b, M, -1), linear(w, "hyperB1", state).view(b, 1, -1),
            linear(w, "hyperW2", state).abs().view(b, -1, 1), linear(w, "hyperB2Out", linear(w, "hyperB2Hidden", state).relu()).view(b, 1, 1))


def mix(q, weights):
    w1, b1, w2, b2 = weights
    b = q.shape[0]
    return (F.elu(q.view(b, 1, M) @ w1 + b1) @ w2 + b2).view(b)


def chain_noise(prefix):
    return {"start": inputs[f"{prefix}.start"], **{k: inputs[f"{prefix}.{k}"] for k in range(1, CHAIN["K"])}}


def fresh_noise(like):
    return {"start": torch.randn_like(like["start"]), **{k: torch.randn_like(like["start"]) for k in range(1, CHAIN["K"])}}


def clip_(ps, max_norm):
    """OffloadLab's clipGradients: the global norm (summed in float64), scaled down above max_norm."""
    norm = torch.sqrt(sum((q.grad.double() ** 2).sum() for q in ps)).float()
    if norm > max_norm:
        for q in ps:
            q.grad.mul_(max_norm / norm)
    return norm.item()


class Learner:
    def __init__(self):
        self.nets = {n: net(n) for n in ("actor", "actorTarget", "utility", "utilityTarget", "mixer", "mixerTarget")}
        self.actor_params = list(self.nets["actor"].values())
        self.critic_params = list(self.nets["utility"].values()) + list(self.nets["mixer"].values())
        self.actor_opt = torch.optim.Adam(self.actor_params, lr=ACTOR_LR, eps=1e-8)
        self.critic_opt = torch.optim.Adam(self.critic_params, lr=CRITIC_LR, eps=1e-8)
        self.one_hot = F.one_hot(inputs["actions"].long(), 8).float()

    def update(self, target_noise, noise):
        n, b = self.nets, inputs["rewards"].shape[0]
        rows, next_rows, masks, states, next_states = (inputs[k] for k in ("rows", "next_rows", "masks", "states", "next_states"))
        with torch.no_grad():
            pi = masked_softmax(actor_logits(n["actorTarget"], next_rows, target_noise, CHAIN), masks)
            expected = (pi * mlp_relu(n["utilityTarget"], next_rows)).sum(1).view(b, M)
            y = inputs["rewards"] + mix(expected, mixer_weights(n["mixerTarget"], next_states)) * GAMMA
        chosen = (mlp_relu(n["utility"], rows) * self.one_hot).sum(1).view(b, M)
        critic_loss = ((mix(chosen, mixer_weights(n["mixer"], states)) - y) ** 2).mean()
        self.critic_opt.zero_grad()
        critic_loss.backward()
        critic_norm = clip_(self.critic_params, CLIP)
        self.critic_opt.step()

        with torch.no_grad():
            values, weights = mlp_relu(n["utility"], rows), mixer_weights(n["mixer"], states)
        logits = actor_logits(n["actor"], rows, noise, CHAIN)
        pi = masked_softmax(logits, masks)
        team = mix((pi * values).sum(1).view(b, M), weights)
        actor_loss = -team.mean() - entropy(logits, masks).sum() * (1 / b) * ALPHA
        self.actor_opt.zero_grad()
        actor_loss.backward()
        actor_norm = clip_(self.actor_params, CLIP)
        self.actor_opt.step()

        with torch.no_grad():
            for src, dst in (("actor", "actorTarget"), ("utility", "utilityTarget"), ("mixer", "mixerTarget")):
                for k, v in n[src].items():
                    n[dst][k].mul_(1 - TAU).add_(TAU * v)
        return critic_loss.item(), actor_loss.item(), critic_norm, actor_norm



if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--check", metavar="DIR")
    p.add_argument("--time", metavar="DIR")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--updates", type=int, default=50)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    directory = a.check or a.time
    params = load_file(f"{directory}/params.safetensors")
    inputs = load_file(f"{directory}/inputs.safetensors")
    with safe_open(f"{directory}/inputs.safetensors", "pt") as f:
        meta = f.metadata()
    M = int(meta["agents"])
    f32 = lambda x: torch.tensor(float(x), dtype=torch.float32)  # as OffloadLab's Float constants
    GAMMA, TAU, ALPHA = f32(meta["gamma"]), f32(meta["tau"]), f32(meta["entropy_weight"])
    CRITIC_LR, ACTOR_LR, CLIP = float(meta["critic_lr"]), float(meta["actor_lr"]), float(meta["clip"])
    CHAIN = chain_from_inputs(inputs, meta)

    learner = Learner()
    if a.check:
        swift = load_file(f"{directory}/swift.safetensors")
        mine = chain_from_architecture({"steps": CHAIN["K"], "betaMin": 0.1, "betaMax": 10.0, "stepEmbedding": CHAIN["embed"].shape[1],
                                        "temperature": float(meta["temperature"])})
        worst_constant = max((mine[k] - CHAIN[k]).abs().max().item() for k in ("r1", "r2", "c1", "c2", "sigma", "embed"))
        print(f"chain constants recomputed in Python from the architecture: largest |difference| {worst_constant:.2e}")
        critic_loss, actor_loss, critic_norm, actor_norm = learner.update(chain_noise("target_noise"), chain_noise("noise"))

        def norm(prefixes):
            return torch.sqrt(sum((v.double() ** 2).sum() for k, v in swift.items() if k.startswith("grad.") and k.split(".")[1] in prefixes)).item()

        def grad_norm_torch(prefixes):
            return torch.sqrt(sum((learner.nets[p][k].grad.double() ** 2).sum() for p in prefixes for k in learner.nets[p])).item()

        rows = [("critic loss", swift["critic_loss"].item(), critic_loss),
                ("actor loss", swift["actor_loss"].item(), actor_loss),
                ("critic gradient norm (after clip at %g)" % CLIP, norm(("utility", "mixer")), grad_norm_torch(("utility", "mixer"))),
                ("actor gradient norm (after clip at %g)" % CLIP, norm(("actor",)), grad_norm_torch(("actor",)))]
        print(f"pre-clip gradient norms (PyTorch): critic {critic_norm:.7g}, actor {actor_norm:.7g}")

        def distance(prefixes):  # |g_OffloadLab - g_PyTorch| / |g_PyTorch| over the whole gradient vector
            d = sum(((learner.nets[p][k].grad - swift[f"grad.{p}.{k}"]).double() ** 2).sum() for p in prefixes for k in learner.nets[p])
            return math.sqrt(d.item()) / grad_norm_torch(prefixes)
        failed = False
        for name, s, t in rows:
            rel = abs(s - t) / max(abs(s), abs(t), 1e-30)
            failed |= not rel <= 1e-5
            print(f"{name:42s} OffloadLab {s: .9g}  PyTorch {t: .9g}  relative difference {rel:.2e}{'' if rel <= 1e-5 else '  FAIL (> 1e-5)'}")
        for name, prefixes in (("critic", ("utility", "mixer")), ("actor", ("actor",))):
            rel = distance(prefixes)
            failed |= not rel <= 1e-5
            print(f"{name + ' gradient vectors: |difference| / |g|':42s} {rel:.2e}{'' if rel <= 1e-5 else '  FAIL (> 1e-5)'}")
        worst = max(((learner.nets[k.split('.')[1]][k.split('.', 2)[2]] - v).abs().max().item(), k) for k, v in swift.items() if k.startswith("after."))
        grads = max(((learner.nets[k.split('.')[1]][k.split('.', 2)[2]].grad - v).abs().max().item(), k) for k, v in swift.items() if k.startswith("grad."))
        print(f"largest |difference| of a gradient entry: {grads[0]:.2e} ({grads[1]}); of a parameter after the update: {worst[0]:.2e} ({worst[1]})")
        if failed:
            print("OffloadLab and PyTorch DISAGREE", file=sys.stderr)
            sys.exit(1)
        print("OffloadLab and PyTorch agree to 1e-5 relative")
    else:
        torch.manual_seed(0)
        like = chain_noise("noise")
        times, cpu = [], []
        for i in range(a.updates + 3):
            start, cpu_start = time.perf_counter(), time.process_time()  # drawing the noise is part of OffloadLab's update too
            learner.update(fresh_noise(like), fresh_noise(like))
            if i >= 3:
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - cpu_start)
        print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": a.threads, "updates": a.updates,
                          "update_ms": statistics.median(times) * 1e3,
                          "update_cpu_ms": statistics.median(cpu) * 1e3}))
