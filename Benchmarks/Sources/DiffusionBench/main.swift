print("DiffusionBench: not written yet")
