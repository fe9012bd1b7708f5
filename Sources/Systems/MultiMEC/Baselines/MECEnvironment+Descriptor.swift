extension MECEnvironment {
    /// Numbers per UE in ``descriptor``.
    public static let descriptorWidthPerUE = 4

    /// The environment descriptor of the repository's MoELoader ("goal"): for every UE the four
    /// numbers `(S̄/1000, σ_S/100, F/25, B/10)`, UE by UE (80 numbers for 20 UEs).
    ///
    /// S̄, F and B are scaled by the observation maxima as ``MECTaskEncoding/descriptor`` scales
    /// them; σ_S is the task-size standard deviation, 100/3 kb in every environment. All UEs
    /// share the same four numbers: the layout is the repository's, the content is the
    /// three-number descriptor plus a constant.
    public var descriptor: [Float] {
        let one: [Float] = [Float(meanTaskKb / MECConstants.taskKbMax), Float(MECConstants.taskStdKb / 100),
                            Float(edgeGHz / MECConstants.edgeGHzMax), Float(bandwidthMHz / MECConstants.bandwidthMHzMax)]
        return Array((0..<users).map { _ in one }.joined())
    }
}
