print("PlotsBench: not written yet")
