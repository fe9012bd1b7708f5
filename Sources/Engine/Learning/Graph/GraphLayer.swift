import Tensors

/// A message-passing layer of an ``EdgeEncoder``: maps the hidden state of a padded graph
/// batch to the next one with the same shapes (`[B, U, H]`, `[B, S, H]`, `[B, U, S, H]`).
///
/// Implemented by ``GatedEdgeLayer`` (GDSG) and ``AttentionEdgeLayer`` (GADSG).
public protocol GraphLayer: Module {
    /// The next state; real slots and nodes never depend on padded slots' values.
    func callAsFunction(_ state: GraphState, context: GraphContext) -> GraphState
}

extension GatedEdgeLayer: GraphLayer {}
extension AttentionEdgeLayer: GraphLayer {}
