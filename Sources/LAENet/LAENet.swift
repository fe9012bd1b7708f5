/// The low-altitude MEC system model of the GADSG paper (being built: issue 3).
public enum LAENetModule {}
