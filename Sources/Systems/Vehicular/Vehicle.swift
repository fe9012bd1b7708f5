/// One vehicle's state at the start of a slot.
public struct Vehicle: Sendable, Hashable {
    /// The DNN its tasks run.
    public var model: DNNModel
    /// `f_i^loc`: effective on-board compute in GFLOP/s.
    public var localGFLOPS: Double
    /// Position along the road in metres, in [0, road).
    public var x: Double
    /// Constant speed in m/s (ignored when positions come from a mobility trace).
    public var speed: Double
    /// `Q_i`: task backlog (in tasks; fractional under fluid service).
    public var queue: Double

    /// Creates a vehicle.
    public init(model: DNNModel, localGFLOPS: Double, x: Double, speed: Double, queue: Double = 0) {
        self.model = model
        self.localGFLOPS = localGFLOPS
        self.x = x
        self.speed = speed
        self.queue = queue
    }
}
