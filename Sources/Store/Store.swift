/// The SQLite store for blobs, runs, metrics and checkpoints (being built: issue 4).
public enum StoreModule {}
