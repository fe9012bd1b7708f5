/// AIGC offloading and quality control (being built: issue 9).
public enum AIGCModule {}
