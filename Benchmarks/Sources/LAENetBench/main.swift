print("LAENetBench: not written yet")
