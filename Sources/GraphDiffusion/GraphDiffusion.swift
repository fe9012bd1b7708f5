/// GDSG and GADSG graph diffusion solvers for LAENet (being built: issue 7).
public enum GraphDiffusionModule {}
