/// Figures rendered with Cairo to PNG, PDF and SVG (being built: issue 5).
public enum PlotsModule {}
