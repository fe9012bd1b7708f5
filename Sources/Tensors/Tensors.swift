import CBLAS
/// Tensors: n-d Float32 arrays with reverse-mode autodiff (being built: issue 2).
public enum TensorsModule {}
