/// GDSG and GADSG graph diffusion solvers for LAENet (issue 7).
///
/// Part F (this module's diffusion half) provides the hybrid diffusion of docs/gadsg.md §4 / §7.7:
/// ``DiffusionSchedule`` (§4.1), ``BernoulliDiffusion`` and ``GaussianDiffusion`` (the two
/// processes), ``HybridDiffusion`` (training noising and loss, §4.2), ``DiffusionSampler``
/// (few-step inference, §4.3), the ``Denoiser`` abstraction the encoders of part E plug into,
/// and decoding plus repair to feasible LAENet solutions (``OffloadProblem/decodeSlots(bits:shares:threshold:)``,
/// ``GraphDiffusionSolver``, §4.4 and §7.9 items 11 and 25).
public enum GraphDiffusionModule {}
