import Notebook

/// The `keep_checkpoints:` argument of every training function: how many of its latest
/// checkpoints the store keeps.
///
/// One (the default) is enough to resume an interrupted training and to continue a finished one;
/// keep more to go back to earlier states. It cannot change the result, so it is never part of
/// the call key: changing it reuses the stored model.
struct CheckpointRetention: ParameterGroupContent {
    @Parameter(default: 1, .integers(1...1_000), doc: "latest checkpoints the store keeps for this call (not part of the memo key)", keyed: false)
    var keepCheckpoints: Int

    /// Tells the call's context how many checkpoints to keep.
    func apply(to context: any CallContext) { context.keepCheckpoints(keepCheckpoints) }
}
