import Tensors
/// Learning: layers, losses and optimisers (being built: issue 2).
public enum LearningModule {}
