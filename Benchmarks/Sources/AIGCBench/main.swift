print("AIGCBench: not written yet")
