import LabCore
import Learning
import Tensors

/// The resumable state of a training run: parameters, AdamW moments and epochs done.
///
/// `model.*`, `adam.*` and `trainer.epochs` in one ``ParameterSet``, for any ``Module``: shared by
/// ``DiffusionTrainer``, ``DiGNNTrainer`` and ``GRLOTrainer`` (brief §8.3 "resumable training").
enum TrainerCheckpoint {
    /// Encodes the state after `epochsDone` epochs.
    static func encode(_ model: any Module, optimizer: Adam, epochsDone: Int) -> [UInt8] {
        var tensors: [String: Tensor] = ["trainer.epochs": Tensor([Float(epochsDone)])]
        for (name, t) in ParameterSet(of: model).tensors { tensors["model.\(name)"] = t }
        for (name, t) in optimizer.state { tensors["adam.\(name)"] = t }
        return ParameterSet(tensors).encoded()
    }

    /// Loads a saved state into `model` and `optimizer`; returns the epochs already done.
    static func restore(_ state: [UInt8], into model: any Module, optimizer: inout Adam) throws -> Int {
        let set = try ParameterSet.decode(state)
        func part(_ prefix: String) -> [String: Tensor] {
            Dictionary(uniqueKeysWithValues: set.tensors.filter { $0.key.hasPrefix(prefix) }
                .map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        }
        try model.load(ParameterSet(part("model.")))
        try optimizer.restore(part("adam."))
        guard let epochs = set.tensors["trainer.epochs"]?.scalars.first else {
            throw LabError(.corrupt, "training checkpoint has no epoch count")
        }
        return Int(epochs)
    }

    /// Mean cost ratio (an unsolved instance counts as 10) and share within 1.1 of the reference.
    static func ratios(_ costs: [Double?], references: [LabelledInstance]) -> (ratio: Double, accuracy: Double) {
        let r = zip(costs, references).map { ($0 ?? .infinity) / $1.cost }
        let finite = r.map { $0.isFinite ? $0 : 10 }
        return (finite.reduce(0, +) / Double(max(1, finite.count)), Double(r.filter { $0 < 1.1 }.count) / Double(max(1, r.count)))
    }
}
